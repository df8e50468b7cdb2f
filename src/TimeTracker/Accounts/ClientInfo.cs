using System.Net;
using System.Net.Sockets;

namespace TimeTracker.Accounts;

/// <summary>Who is calling, as refresh tokens record it (shown to users reviewing their sessions).</summary>
/// <param name="UserAgent">The User-Agent header, truncated to 255 characters.</param>
/// <param name="IpAddress">The client's address as the connection (after any trusted proxy) gives it.</param>
internal sealed record ClientInfo(string? UserAgent, string? IpAddress)
{
    /// <summary>
    /// The key that throttles and rate limits count this client under: an IPv4 address as it is, an IPv6 address by
    /// its /64 prefix (one subscriber usually holds a whole /64, so counting single addresses would let them rotate
    /// through billions), and "unknown" without an address.
    /// </summary>
    public string AddressKey => KeyOf(IPAddress.TryParse(IpAddress, out var address) ? address : null);

    /// <summary>The key of <see cref="AddressKey"/> for an address.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}

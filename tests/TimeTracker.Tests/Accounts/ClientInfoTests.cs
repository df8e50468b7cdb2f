using System.Net;
using TimeTracker.Accounts;

namespace TimeTracker.Tests.Accounts;

public sealed class ClientInfoTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_counted_as_ipv4_or_by_their_ipv6_64_prefix(string address, string key)
    {
        Assert.Equal(key, ClientInfo.KeyOf(IPAddress.Parse(address)));
        Assert.Equal(key, new ClientInfo(null, address).AddressKey);
    }

    [Fact]
    public void Two_addresses_of_one_ipv6_64_share_a_key_and_another_64_does_not()
    {
        Assert.Equal(new ClientInfo(null, "2001:db8:0:5::1").AddressKey, new ClientInfo(null, "2001:db8:0:5:ffff::9").AddressKey);
        Assert.NotEqual(new ClientInfo(null, "2001:db8:0:5::1").AddressKey, new ClientInfo(null, "2001:db8:0:6::1").AddressKey);
    }

    [Fact]
    public void A_missing_or_unreadable_address_is_unknown()
    {
        Assert.Equal("unknown", new ClientInfo(null, null).AddressKey);
        Assert.Equal("unknown", new ClientInfo(null, "not an address").AddressKey);
    }
}

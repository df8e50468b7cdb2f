using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>An organization as its member sees it: the caller's role, and its billing state (<c>billingWarning</c>
/// while a payment is past due, <c>readOnly</c> while membership changes are frozen).</summary>
internal sealed record OrganizationResponse(
    long Id, string Name, string Slug, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role,
    [property: AllowedValues("incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused",
        null)] string? BillingStatus, string? BillingWarning, bool ReadOnly)
{
    /// <summary>The response describing <paramref name="organization"/>.</summary>
    public static OrganizationResponse Of(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return new(organization.Id, organization.Name, organization.Slug,
            organization.Role, organization.BillingStatus, organization.BillingWarning, organization.ReadOnly);
    }
}

using Microsoft.AspNetCore.DataProtection;
using ProcessStudio.Engine.Subscriptions;

namespace ProcessStudio.Web.Subscriptions;

/// <summary>Seals subscription secrets with Data Protection, bound to their subscription (a sealed value copied to another row does not open).</summary>
public sealed class DataProtectedSubscriptionSecrets(IDataProtectionProvider provider) : ISubscriptionSecrets
{
    private const string Purpose = "ProcessStudio.EventSubscriptions.Secrets.v1";

    public string Seal(Guid subscriptionId, string secret) => For(subscriptionId).Protect(secret);

    public string Open(Guid subscriptionId, string sealedSecret) => For(subscriptionId).Unprotect(sealedSecret);

    private IDataProtector For(Guid subscriptionId) => provider.CreateProtector(Purpose, subscriptionId.ToString("D"));
}

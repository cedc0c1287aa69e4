namespace ProcessStudio.Engine.Subscriptions;

/// <summary>
/// Seals a subscription's signing secret for storage and opens it to sign a delivery. The web host seals with Data
/// Protection; hosts without it (tests, tools) keep the secret as it is.
/// </summary>
public interface ISubscriptionSecrets
{
    string Seal(Guid subscriptionId, string secret);
    string Open(Guid subscriptionId, string sealedSecret);
}

public sealed class UnsealedSubscriptionSecrets : ISubscriptionSecrets
{
    public string Seal(Guid subscriptionId, string secret) => secret;
    public string Open(Guid subscriptionId, string sealedSecret) => sealedSecret;
}

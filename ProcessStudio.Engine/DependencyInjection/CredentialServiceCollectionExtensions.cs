using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Database;
using ProcessStudio.Engine.Connections.Http;

namespace ProcessStudio.Engine.DependencyInjection;

/// <summary>The credential types beyond SMTP: what HTTP Request and Execute SQL authenticate with.</summary>
public static class CredentialServiceCollectionExtensions
{
    public static IServiceCollection AddHttpCredentials(this IServiceCollection services)
    {
        services.TryAddSingleton<HttpCredentialProbe>();
        services.TryAddSingleton<OAuth2TokenClient>();
        services.TryAddSingleton<OAuth2TokenCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConnectionType, HttpBasicCredentialType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConnectionType, BearerTokenCredentialType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConnectionType, ApiKeyCredentialType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConnectionType, OAuth2ClientCredentialsType>());
        return services;
    }

    public static IServiceCollection AddDatabaseCredentials(this IServiceCollection services)
    {
        services.TryAddSingleton<DatabaseConnector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConnectionType, DatabaseCredentialType>());
        return services;
    }
}

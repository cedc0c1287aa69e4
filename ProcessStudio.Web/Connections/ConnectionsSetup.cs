using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessStudio.Data;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Web.Hosting;

namespace ProcessStudio.Web.Connections;

public static class ConnectionsSetup
{
    /// <summary>
    /// Data Protection with its key ring in the data folder's keys/ (so secrets still decrypt after a restart), or in
    /// the shared database on PostgreSQL (so every instance reads what another protected), the connection service, and
    /// the stored connections as the engine's <see cref="IConnectionResolver"/>. Call after the engine.
    /// </summary>
    public static IServiceCollection AddProcessStudioConnections(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ProcessStudio");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = sp.GetRequiredService<IOptions<DataOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? new EntityFrameworkCoreXmlRepository<ProcessStudioDbContext>(sp, sp.GetRequiredService<ILoggerFactory>())
                : new FileSystemXmlRepository(
                    Directory.CreateDirectory(sp.GetRequiredService<DataFolder>().KeysPath), sp.GetRequiredService<ILoggerFactory>())));

        services.TryAddSingleton<ConnectionSecretProtector>();
        services.TryAddSingleton<ConnectionUsage>();
        services.TryAddSingleton<ConnectionService>();
        services.Replace(ServiceDescriptor.Singleton<IConnectionResolver, StoredConnectionResolver>());
        return services;
    }
}

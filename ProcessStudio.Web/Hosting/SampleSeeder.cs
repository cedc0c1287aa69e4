using System.Reflection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Hosting;

/// <summary>
/// Creates the sample workflows embedded in Hosting/Samples on first start, that is, when the store holds no workflow
/// at all. Samples carry fixed ids, so a second start never duplicates them.
/// </summary>
public sealed class SampleSeeder(IWorkflowStore workflows, ILogger<SampleSeeder> logger)
{
    private const string ResourcePrefix = "ProcessStudio.Web.Hosting.Samples.";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if ((await workflows.ListAsync(search: null, cancellationToken)).Count > 0)
            return 0;

        var seeded = 0;
        foreach (var sample in await LoadSamplesAsync(cancellationToken))
        {
            await workflows.SaveAsync(sample, "Sample workflow", cancellationToken);
            logger.LogInformation("Seeded sample workflow {WorkflowName} ({WorkflowId})", sample.Name, sample.Id);
            seeded++;
        }
        return seeded;
    }

    public static async Task<IReadOnlyList<WorkflowDefinition>> LoadSamplesAsync(CancellationToken cancellationToken)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var samples = new List<WorkflowDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            await using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            samples.Add(WorkflowJson.Deserialize(await reader.ReadToEndAsync(cancellationToken)));
        }
        return samples;
    }
}

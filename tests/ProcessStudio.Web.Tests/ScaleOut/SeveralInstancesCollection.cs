namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>
/// Tests that start several app instances (processes or in-process hosts) on PostgreSQL run one class at a time: side
/// by side on two shared cores they starve each other's start-ups and leases.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeveralInstancesCollection
{
    public const string Name = "Several instances";
}

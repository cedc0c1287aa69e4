namespace ProcessStudio.E2E.Infrastructure;

/// <summary>Tests in this collection share one app process and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "ProcessStudio app";
}

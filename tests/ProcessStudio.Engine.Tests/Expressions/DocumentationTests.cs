namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class DocumentationTests : ExpressionTestBase
{
    [Fact]
    public void Every_function_is_documented()
    {
        var docs = File.ReadAllText(FindRepositoryFile("docs/expressions.md"));

        var undocumented = Engine.Functions
            .Where(f => !docs.Contains($"`{f.Signature.Replace("|", "\\|")}`") && !docs.Contains($"`{f.Name}`"))
            .Select(f => f.Name);

        undocumented.Should().BeEmpty();
    }

    private static string FindRepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>A fact that only runs when an environment variable is set to 1 (screenshots, benchmarks).</summary>
public sealed class EnvFactAttribute : FactAttribute
{
    public EnvFactAttribute(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
            Skip = $"Set {variable}=1 to run this.";
    }
}

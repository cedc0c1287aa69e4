using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;

namespace ProcessStudio.Data.Stores;

/// <summary>Puts run inputs, kept in value rows since schema 10, back on the run rows read with them.</summary>
internal static class RunInputs
{
    public static async Task FillAsync(IQueryable<ExecutionValueEntity> values, IReadOnlyList<ExecutionEntity> executions, CancellationToken cancellationToken)
    {
        var missing = executions.Where(e => e.Input is null).Select(e => e.Id).ToList();
        if (missing.Count == 0) return;
        var inputs = await values.Where(v => v.Key == ExecutionValueEntity.RunInputKey && missing.Contains(v.ExecutionId))
            .ToDictionaryAsync(v => v.ExecutionId, v => v.Json, cancellationToken);
        foreach (var execution in executions)
            execution.Input ??= inputs.GetValueOrDefault(execution.Id);
    }
}

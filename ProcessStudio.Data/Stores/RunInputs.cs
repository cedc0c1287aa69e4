using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// Puts run inputs, kept in value rows since schema 10, back on the run rows read with them, and the large values their
/// input and output refer to (<see cref="StoredValues"/>).
/// </summary>
internal static class RunInputs
{
    public static async Task FillAsync(IQueryable<ExecutionValueEntity> values, IReadOnlyList<ExecutionEntity> executions, CancellationToken cancellationToken)
    {
        var missing = executions.Where(e => e.Input is null).Select(e => e.Id).ToList();
        if (missing.Count > 0)
        {
            var inputs = await values.Where(v => v.Key == ExecutionValueEntity.RunInputKey && missing.Contains(v.ExecutionId))
                .ToDictionaryAsync(v => v.ExecutionId, v => v.Json, cancellationToken);
            foreach (var execution in executions)
                execution.Input ??= inputs.GetValueOrDefault(execution.Id);
        }
        foreach (var execution in executions)
        {
            var inline = await StoredValues.InlinerAsync(values, execution.Id, [execution.Input, execution.Output], cancellationToken);
            execution.Input = inline(execution.Input);
            execution.Output = inline(execution.Output);
        }
    }
}

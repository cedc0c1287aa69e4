using BenchmarkDotNet.Running;
using ProcessStudio.Bench;

// Run all: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*'
// Data-plane measurements on a real SQLite file: dotnet run -c Release --project bench/ProcessStudio.Bench -- measure <scenario> [...]
if (args.Length > 0 && args[0] == "measure")
    return await DataPlaneMeasurements.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ProcessStudio.Data.Tests.Support.PostgresAwareTestFramework", "ProcessStudio.Data.Tests")]

namespace ProcessStudio.Data.Tests.Support;

/// <summary>
/// xunit's framework, except that without a PostgreSQL server every test of a class named Postgres* is reported as
/// skipped with the reason, instead of failing. The store contract and scenario classes are shared by every store, so
/// the skip cannot sit on their [Fact]s: it is decided per derived class here.
/// </summary>
public sealed class PostgresAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink sink)
        : XunitTestFrameworkDiscoverer(assembly, sources, sink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (PostgresTestServer.SkipReason is null || !IsPostgresTest(testMethod))
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            if (!testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
                return true;
            var skipped = new SkippedWithoutPostgres(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }

        private static bool IsPostgresTest(ITestMethod testMethod) =>
            testMethod.TestClass.Class.Name.Split('.', '+')[^1].StartsWith("Postgres", StringComparison.Ordinal);
    }
}

/// <summary>A test case that reports the missing server as its skip reason.</summary>
public sealed class SkippedWithoutPostgres : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedWithoutPostgres() { }

    public SkippedWithoutPostgres(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method) { }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgresTestServer.SkipReason ?? base.GetSkipReason(factAttribute);
}

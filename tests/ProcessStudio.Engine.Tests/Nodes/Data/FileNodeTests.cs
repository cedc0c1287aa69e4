using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>Read File and Write File stay inside their folder: traversal, absolute paths and symbolic links out are refused.</summary>
public sealed class FileNodeTests : DataNodeFixture
{
    private readonly string _scratch;
    private readonly string _folder;

    public FileNodeTests() : this(Directory.CreateTempSubdirectory("ps-files-").FullName)
    {
    }

    private FileNodeTests(string scratch) : base(options =>
    {
        options.Files.Folder = Path.Combine(scratch, "files");
        options.Files.MaxReadBytes = 1000;
        options.Files.MaxWriteBytes = 1000;
    })
    {
        _scratch = scratch;
        _folder = Path.Combine(scratch, "files");
    }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Write_then_read_text_json_and_base64_in_sub_folders()
    {
        var written = await OutputAsync("write-file", new { path = "out/{{ $json.name }}.json" }, Json("""{ "name": "report", "total": 3 }"""));
        Compact(written).Should().Be("""{"path":"out/report.json","size":27,"written":27}""");

        Compact(await OutputAsync("read-file", new { path = "out/report.json", format = "json" }))
            .Should().Be("""{"path":"out/report.json","size":27,"content":{"name":"report","total":3}}""");
        (await OutputAsync("read-file", new { path = "out/report.json" }))!["content"]!.GetValue<string>().Should().Be("""{"name":"report","total":3}""");

        await OutputAsync("write-file", new { path = "bytes.bin", content = "AAEC/w==", encoding = "base64" });
        File.ReadAllBytes(Path.Combine(_folder, "bytes.bin")).Should().Equal(0, 1, 2, 255);
        (await OutputAsync("read-file", new { path = "bytes.bin", format = "base64" }))!["content"]!.GetValue<string>().Should().Be("AAEC/w==");
    }

    [Fact]
    public async Task Append_adds_and_fail_refuses_an_existing_file()
    {
        await OutputAsync("write-file", new { path = "log.txt", content = "a\n" });
        await OutputAsync("write-file", new { path = "log.txt", content = "b\n", mode = "append" });

        File.ReadAllText(Path.Combine(_folder, "log.txt")).Should().Be("a\nb\n");
        (await ErrorAsync("write-file", new { path = "log.txt", content = "c", mode = "fail" })).Should().Be("File 'log.txt' already exists.");
    }

    [Theory]
    [InlineData("../outside.txt", "'../outside.txt' leads outside the files folder.")]
    [InlineData("a/../../outside.txt", "'a/../../outside.txt' leads outside the files folder.")]
    [InlineData("/etc/passwd", "'/etc/passwd' is an absolute path; paths are relative to the files folder (e.g. reports/today.csv).")]
    [InlineData("", "'Path' is empty; give a path inside the files folder, e.g. reports/today.csv.")]
    public async Task Paths_outside_the_folder_are_refused_for_reading_and_writing(string path, string message)
    {
        (await ErrorAsync("read-file", new { path = "{{ $json.p }}" }, new JsonObject { ["p"] = path })).Should().Be(message);
        (await ErrorAsync("write-file", new { path = "{{ $json.p }}", content = "x" }, new JsonObject { ["p"] = path })).Should().Be(message);
        File.Exists(Path.Combine(_scratch, "outside.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task A_symbolic_link_that_leads_out_of_the_folder_is_refused_but_one_inside_is_followed()
    {
        File.WriteAllText(Path.Combine(_scratch, "secret.txt"), "top secret");
        Directory.CreateDirectory(_folder);
        File.CreateSymbolicLink(Path.Combine(_folder, "leak.txt"), Path.Combine(_scratch, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_folder, "up"), _scratch);
        File.WriteAllText(Path.Combine(_folder, "real.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(_folder, "alias.txt"), Path.Combine(_folder, "real.txt"));

        (await ErrorAsync("read-file", new { path = "leak.txt" })).Should().Be("'leak.txt' goes through the symbolic link 'leak.txt', which leads outside the files folder.");
        (await ErrorAsync("read-file", new { path = "up/secret.txt" })).Should().Contain("symbolic link 'up'");
        (await ErrorAsync("write-file", new { path = "up/new.txt", content = "x" })).Should().Contain("symbolic link 'up'");
        File.Exists(Path.Combine(_scratch, "new.txt")).Should().BeFalse();
        (await OutputAsync("read-file", new { path = "alias.txt" }))!["content"]!.GetValue<string>().Should().Be("inside");
    }

    [Fact]
    public async Task Files_over_the_size_limits_are_neither_read_nor_written()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "big.bin"), new byte[1001]);

        (await ErrorAsync("read-file", new { path = "big.bin" })).Should().Contain("has 1001 bytes, more than the 1000 that Read File may read");
        (await ErrorAsync("write-file", new { path = "big.txt", content = new string('x', 1001) })).Should().Contain("would make it 1001 bytes");
        File.Exists(Path.Combine(_folder, "big.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task Reading_a_missing_file_or_bad_json_fails_clearly()
    {
        (await ErrorAsync("read-file", new { path = "nope.txt" })).Should().Be("File 'nope.txt' does not exist in the files folder.");
        await OutputAsync("write-file", new { path = "bad.json", content = "{ oops" });
        (await ErrorAsync("read-file", new { path = "bad.json", format = "json" })).Should().StartWith("File 'bad.json' is not valid JSON: line 1");
    }

    [Fact]
    public void The_path_is_required_at_save_time() =>
        SaveProblems("read-file", new { }).Should().ContainSingle(p => p.Setting == "path" && p.Code == "setting.required");
}

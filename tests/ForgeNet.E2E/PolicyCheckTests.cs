using System.Text.Json;

namespace ForgeNet.E2E;

/// <summary><c>forge policy check</c>: valid files print their canonical form, bad ones a line:column error and exit 2.</summary>
public sealed class PolicyCheckTests
{
    private static readonly ForgeCli Cli = new(new Dictionary<string, string>());

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "examples", "policies"), "*.yaml"))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Check_Example_ValidAndCanonicalFormReparses(string file)
    {
        var path = Path.Combine(RepoRoot(), "examples", "policies", file);
        var result = Cli.Run("policy", "check", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var canonical = Path.Combine(Path.GetTempPath(), $"{Testing.TestNames.Unique()}.yaml");
        try
        {
            File.WriteAllText(canonical, result.Stdout);
            var again = Cli.Run("policy", "check", canonical);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(result.Stdout, again.Stdout);
        }
        finally
        {
            File.Delete(canonical);
        }
    }

    [Fact]
    public void Check_BadPort_LineAndColumnAndExit2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Testing.TestNames.Unique()}.yaml");
        try
        {
            File.WriteAllText(path, "mode: private\negress:\n  - to: [{cidr: 10.0.0.0/8}]\n    ports: [70000/tcp]\n");
            var result = Cli.Run("policy", "check", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"forge: {path}:4:13: egress[0].ports[0]: '70000/tcp' is not a port (1-65535)", result.Stderr.Trim());
            var json = JsonDocument.Parse(Cli.Run("policy", "check", path, "--json").Stdout).RootElement.GetProperty("error");
            Assert.Equal("invalid-policy", json.GetProperty("kind").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "forgenet.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}

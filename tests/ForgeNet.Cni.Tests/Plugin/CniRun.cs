using System.Text.Json;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>One forge-cni process: its exit code and output; <see cref="Json"/> parses stdout.</summary>
internal sealed record CniRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The error code of a failed run (asserts the exit code is non-zero and stdout is error JSON).</summary>
    public int ErrorCode
    {
        get
        {
            Assert.NotEqual(0, ExitCode);
            return Json.GetProperty("code").GetInt32();
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

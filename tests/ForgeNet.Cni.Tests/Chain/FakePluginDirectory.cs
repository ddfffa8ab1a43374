using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Tests.Chain;

/// <summary>
/// A temporary plugin directory of shell-script plugins that log what they were given (order, CNI_* environment, stdin)
/// and answer with a small result of their own. A file NAME.fail-CMD makes a plugin fail that command with a CNI
/// error; NAME.sleep makes it hang; NAME.garbage makes it print text that is not JSON.
/// </summary>
public sealed class FakePluginDirectory : IDisposable
{
    public FakePluginDirectory()
    {
        Root = Directory.CreateTempSubdirectory("fnt-cni-").FullName;
        Plugins = Path.Join(Root, "bin");
        Log = Path.Join(Root, "log");
        Cache = Path.Join(Root, "cache");
        Directory.CreateDirectory(Plugins);
        Directory.CreateDirectory(Log);
    }

    public string Root { get; }

    public string Plugins { get; }

    public string Log { get; }

    public string Cache { get; }

    /// <summary>Writes plugin NAME into the plugin directory (or into <paramref name="directory"/>).</summary>
    public string Add(string name, string? directory = null)
    {
        var path = Path.Join(directory ?? Plugins, name);
        File.WriteAllText(path, Script(name));
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    public void FailOn(string name, string command) => File.WriteAllText(Path.Join(Log, $"{name}.fail-{command}"), "");

    public void Hang(string name) => File.WriteAllText(Path.Join(Log, $"{name}.sleep"), "");

    public void Garbage(string name) => File.WriteAllText(Path.Join(Log, $"{name}.garbage"), "");

    /// <summary>"NAME COMMAND" lines in the order the plugins ran.</summary>
    public IReadOnlyList<string> Calls() =>
        File.Exists(Path.Join(Log, "order")) ? File.ReadAllLines(Path.Join(Log, "order")) : [];

    public JsonObject Stdin(string name, string command) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Join(Log, $"{name}.{command}.stdin")))!;

    public IReadOnlyDictionary<string, string> Env(string name, string command) =>
        File.ReadAllLines(Path.Join(Log, $"{name}.{command}.env"))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Script(string name) => $$"""
        #!/bin/sh
        log='{{Log}}'
        echo "{{name}} $CNI_COMMAND" >> "$log/order"
        env | grep '^CNI_' | sort > "$log/{{name}}.$CNI_COMMAND.env"
        cat > "$log/{{name}}.$CNI_COMMAND.stdin"
        if [ -e "$log/{{name}}.sleep" ]; then exec sleep 30; fi
        if [ -e "$log/{{name}}.garbage" ]; then echo "not json"; echo "something broke" >&2; exit 1; fi
        if [ -e "$log/{{name}}.fail-$CNI_COMMAND" ]; then
          printf '{"cniVersion":"1.0.0","code":11,"msg":"{{name}} refuses","details":"try later"}'
          exit 1
        fi
        if [ "$CNI_COMMAND" = ADD ]; then
          printf '{"cniVersion":"1.0.0","interfaces":[{"name":"{{name}}"}],"ips":[{"address":"10.1.0.7/24"}]}'
        fi
        exit 0
        """;
}

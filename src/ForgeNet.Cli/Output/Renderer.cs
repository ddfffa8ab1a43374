using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ForgeNet.Core.Model;
using Spectre.Console;

namespace ForgeNet.Cli.Output;

/// <summary>Prints results as Spectre tables and plain lines, or as JSON with --json. No logic lives here.</summary>
public sealed class Renderer(bool json)
{
    private static readonly IAnsiConsole Stdout = CreateStdout();

    // Piped output gets no wrapping (scripts read it line by line); a terminal gets its own width.
    private static IAnsiConsole CreateStdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
            console.Profile.Width = 512;
        return console;
    }

    public bool Json => json;

    public void Write<T>(T value, JsonTypeInfo<T> type, Action human)
    {
        if (json)
            Console.Out.WriteLine(ToJson(value, type));
        else
            human();
    }

    // Relaxed escaping: addresses, quotes and '+' stay readable; the output is JSON for tools, not HTML.
    private static string ToJson<T>(T value, JsonTypeInfo<T> type)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            JsonSerializer.Serialize(writer, value, type);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Line(string text) => Console.Out.WriteLine(text);

    public void Network(NetworkInfo n) => Write(n, CliJsonContext.Default.NetworkInfo, () => Stdout.Write(NetworkGrid(n)));

    public void Networks(IReadOnlyList<NetworkInfo> list) => Write(list, CliJsonContext.Default.IReadOnlyListNetworkInfo, () =>
    {
        var table = Columns("NAME", "DRIVER", "BRIDGE", "IPV4 SUBNET", "IPV6 SUBNET", "INTERNAL", "ENDPOINTS");
        foreach (var n in list)
            table.AddRow(Esc(n.Name), n.Driver, n.BridgeName, n.Subnet4 ?? "-", n.Subnet6 ?? "-", n.Internal ? "yes" : "no", n.EndpointCount.ToString());
        Stdout.Write(table);
    });

    public void Sandbox(SandboxInfo s) => Write(s, CliJsonContext.Default.SandboxInfo, () =>
    {
        Stdout.Write(SandboxGrid(s));
        if (s.Endpoints.Count == 0)
            return;
        var table = Columns("NETWORK", "INTERFACE", "HOST SIDE", "MAC", "IPV4", "IPV6");
        foreach (var e in s.Endpoints)
            table.AddRow(Esc(e.Network), e.Interface, e.HostInterface, e.Mac, e.Address4 ?? "-", e.Address6 ?? "-");
        Stdout.Write(table);
    });

    public void Sandboxes(IReadOnlyList<SandboxInfo> list) => Write(list, CliJsonContext.Default.IReadOnlyListSandboxInfo, () =>
    {
        var table = Columns("NAME", "ISOLATION", "NETWORKS", "IPV4", "IPV6", "CREATED");
        foreach (var s in list)
        {
            table.AddRow(Esc(s.Name), IsolationModes.Name(s.Isolation),
                Esc(Join(s.Endpoints.Select(e => e.Network))),
                Join(s.Endpoints.Select(e => e.Address4)), Join(s.Endpoints.Select(e => e.Address6)),
                s.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"));
        }
        Stdout.Write(table);
    });

    public void Removed(IReadOnlyList<string> removed, string what) => Write(new RemovedResult(removed), CliJsonContext.Default.RemovedResult, () =>
    {
        foreach (var name in removed)
            Console.Out.WriteLine(name);
        if (removed.Count == 0)
            Console.Error.WriteLine($"no {what} to remove");
    });

    /// <summary>One line on stderr ("forge: not found: ..."), or the JSON error object on stdout.</summary>
    public void Error(int exitCode, string kind, string message)
    {
        if (json)
            Console.Out.WriteLine(ToJson(new ErrorResult(new ErrorDetail(kind, message, exitCode)), CliJsonContext.Default.ErrorResult));
        else
            Console.Error.WriteLine($"forge: {message}");
    }

    private static Grid NetworkGrid(NetworkInfo n)
    {
        var grid = new Grid().AddColumn().AddColumn();
        Add(grid, "Name", n.Name);
        Add(grid, "Id", n.Id);
        Add(grid, "Driver", n.Driver);
        Add(grid, "Bridge", n.BridgeName);
        Add(grid, "IPv4 subnet", n.Subnet4 ?? "-");
        Add(grid, "IPv4 gateway", n.Gateway4 ?? "-");
        Add(grid, "IPv6 subnet", n.Subnet6 ?? "-");
        Add(grid, "IPv6 gateway", n.Gateway6 ?? "-");
        Add(grid, "Internal", n.Internal ? "yes" : "no");
        Add(grid, "MTU", n.Mtu.ToString());
        Add(grid, "Endpoints", n.EndpointCount.ToString());
        Add(grid, "Created", n.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"));
        return grid;
    }

    private static Grid SandboxGrid(SandboxInfo s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        Add(grid, "Name", s.Name);
        Add(grid, "Id", s.Id);
        Add(grid, "Isolation", IsolationModes.Name(s.Isolation));
        Add(grid, "Namespace", s.NamespacePath);
        if (s.Labels.Count > 0)
            Add(grid, "Labels", string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        if (s.OwnerPid is { } pid)
            Add(grid, "Owner PID", pid.ToString());
        Add(grid, "Created", s.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"));
        return grid;
    }

    // podman-style plain columns: no borders, two spaces between columns.
    private static Table Columns(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in headers)
            table.AddColumn(new TableColumn(header).Padding(0, 0, 2, 0));
        return table;
    }

    private static void Add(Grid grid, string key, string value) => grid.AddRow(new Text(key + ":"), new Text(value));

    private static string Join(IEnumerable<string?> values)
    {
        var text = string.Join(",", values.Where(v => !string.IsNullOrEmpty(v)));
        return text.Length == 0 ? "-" : text;
    }

    private static string Esc(string text) => Markup.Escape(text);
}

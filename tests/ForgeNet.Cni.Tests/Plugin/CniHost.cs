using System.Diagnostics;
using System.Text.Json.Nodes;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>
/// A throwaway world for forge-cni runs: a "host" namespace of its own (FORGENET_HOST_NETNS: bridges, host veths
/// and nftables tables live there), a state directory, and container namespaces as a runtime would make them.
/// Dispose deletes all of it.
/// </summary>
internal sealed class CniHost : IDisposable
{
    private static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "forge-cni");
    private readonly List<string> _containers = [];

    /// <param name="kernel">False for runs that must fail before any kernel work (no host namespace is made).</param>
    public CniHost(bool kernel = true)
    {
        HostName = TestNames.Unique("h");
        if (kernel) NetNs.Create(HostName).Dispose();
        Prefix = TestNames.Unique() + "-";
        StateDirectory = Directory.CreateTempSubdirectory("fnt-cni-").FullName;
        Network = TestNames.Unique("net");
    }

    public string HostName { get; }

    public string Prefix { get; }

    public string StateDirectory { get; }

    /// <summary>The ForgeNet network (and CNI network name) of <see cref="Config"/>.</summary>
    public string Network { get; }

    /// <summary>A network config for <see cref="Network"/> in this world's state directory.</summary>
    public JsonObject Config(string version = "1.1.0", string subnet = "10.231.7.0/24") => new()
    {
        ["cniVersion"] = version,
        ["name"] = Network,
        ["type"] = "forge-cni",
        ["subnets"] = new JsonArray(subnet),
        ["stateDir"] = StateDirectory,
    };

    /// <summary>Makes a container namespace (/run/netns/NAME), lo up, as a runtime does before ADD.</summary>
    public string NewContainer()
    {
        var name = TestNames.Unique("c");
        NetNs.Create(name).Dispose();
        lock (_containers) _containers.Add(name);
        Exec("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /// <summary>Runs forge-cni with CNI_COMMAND and the CNI_* variables given (null leaves one out).</summary>
    public CniRun Run(string command, JsonNode? config, string? containerId = null, string? netns = null, string? ifName = "eth0",
        string? path = "/usr/lib/cni", string? stdin = null) =>
        Run(File.Exists(Binary) ? new ProcessStartInfo(Binary) : new ProcessStartInfo("dotnet") { ArgumentList = { Binary + ".dll" } },
            command, config, containerId, netns, ifName, path, stdin);

    /// <summary>
    /// Runs a reference plugin (e.g. bridge) inside the throwaway host namespace, as a runtime would run it on the
    /// host, with CNI_PATH = a directory holding forge-ipam (a link to forge-cni) and then the reference plugins.
    /// </summary>
    public CniRun RunReference(string plugin, string command, JsonNode config, string containerId, string? netns, string ifName = "eth0")
    {
        var psi = new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", HostName, Path.Combine(ReferencePlugins, plugin) } };
        return Run(psi, command, config, containerId, netns, ifName, $"{IpamDirectory()}:{ReferencePlugins}", stdin: null);
    }

    /// <summary>Where Debian's containernetworking-plugins live.</summary>
    public const string ReferencePlugins = "/usr/lib/cni";

    private string IpamDirectory()
    {
        var directory = Path.Combine(StateDirectory, "cni-bin");
        if (Directory.Exists(directory)) return directory;
        Directory.CreateDirectory(directory);
        // A script, not a symlink: the JIT-built forge-cni is an apphost beside its dll; the config tells it its role.
        var script = Path.Combine(directory, "forge-ipam");
        File.WriteAllText(script, $"#!/bin/sh\nexec {(File.Exists(Binary) ? Binary : "dotnet " + Binary + ".dll")} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    private CniRun Run(ProcessStartInfo psi, string command, JsonNode? config, string? containerId, string? netns, string? ifName,
        string? path, string? stdin)
    {
        psi.RedirectStandardInput = psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.Environment["FORGENET_HOST_NETNS"] = $"/run/netns/{HostName}";
        psi.Environment["FORGENET_NETNS_PREFIX"] = Prefix;
        psi.Environment["FORGENET_STATE_DIR"] = StateDirectory;
        psi.Environment["CNI_COMMAND"] = command;
        Set(psi, "CNI_CONTAINERID", containerId);
        Set(psi, "CNI_NETNS", netns is null ? null : netns.StartsWith('/') ? netns : $"/run/netns/{netns}");
        Set(psi, "CNI_IFNAME", ifName);
        Set(psi, "CNI_PATH", path);
        using var process = Process.Start(psi)!;
        process.StandardInput.Write(stdin ?? config?.ToJsonString() ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"forge-cni {command} did not finish");
        }
        return new CniRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>ADD that must succeed; returns its result.</summary>
    public CniRun Add(JsonNode config, string containerId, string netns, string ifName = "eth0")
    {
        var run = Run("ADD", config, containerId, netns, ifName);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    /// <summary>Runs a command and returns stdout; throws on a non-zero exit.</summary>
    public static string Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
    }

    /// <summary>`ip -o link show type veth` in the host namespace.</summary>
    public string HostVeths() => Exec("ip", "-n", HostName, "-o", "link", "show", "type", "veth");

    public void Dispose()
    {
        foreach (var name in _containers) NetNs.DeleteNamed(name);
        if (NetNs.ListNamed().Contains(HostName)) NetNs.DeleteNamed(HostName);
        foreach (var name in NetNs.ListNamed().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))) NetNs.DeleteNamed(name);
        Directory.Delete(StateDirectory, recursive: true);
    }

    private static void Set(ProcessStartInfo psi, string name, string? value)
    {
        if (value is null) psi.Environment.Remove(name);
        else psi.Environment[name] = value;
    }
}

using System.Diagnostics;
using System.Formats.Tar;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary>
/// podman (Debian 4.3, CNI backend) confined to one test: a private containers.conf and storage.conf (CONTAINERS_CONF,
/// CONTAINERS_STORAGE_CONF) with their own root, runroot and tmp dir under the lab's directory, vfs storage, runc, and
/// every invocation started inside the lab's host namespace, so the CNI plugins it runs make their bridges and rules
/// there. The host's podman state is never read or written. The image is a busybox root imported from a tarball.
/// </summary>
public sealed class Podman : IDisposable
{
    public const string Image = "localhost/fnt-busybox:latest";

    private readonly CniLab _lab;

    public Podman(CniLab lab, string pluginDirectory)
    {
        _lab = lab;
        Root = Path.Join(lab.Directory, "podman");
        NetworkConfigDirectory = Path.Join(Root, "cni");
        foreach (var d in new[] { "root", "runroot", "tmp", "cni" })
            Directory.CreateDirectory(Path.Join(Root, d));
        File.WriteAllText(Path.Join(Root, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=1024:1024","nproc=1024:1024"]
            [network]
            network_backend = "cni"
            cni_plugin_dirs = ["{pluginDirectory}"]
            network_config_dir = "{NetworkConfigDirectory}"
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            tmp_dir = "{Path.Join(Root, "tmp")}"
            """);
        File.WriteAllText(Path.Join(Root, "storage.conf"), $"""
            [storage]
            driver = "vfs"
            graphroot = "{Path.Join(Root, "root")}"
            runroot = "{Path.Join(Root, "runroot")}"
            """);
        Ok("import", BuildRootTarball(), Image);
    }

    public string Root { get; }

    /// <summary>Where podman reads CNI conflists (network_config_dir).</summary>
    public string NetworkConfigDirectory { get; }

    public ToolResult Run(params string[] args)
    {
        var info = new ProcessStartInfo("podman") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--root", Path.Join(Root, "root"), "--runroot", Path.Join(Root, "runroot") }.Concat(args))
            info.ArgumentList.Add(a);
        info.Environment["CONTAINERS_CONF"] = Path.Join(Root, "containers.conf");
        info.Environment["CONTAINERS_STORAGE_CONF"] = Path.Join(Root, "storage.conf");
        using var p = _lab.Host.StartProcess(info);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public string Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 0, $"podman {string.Join(" ", args)} failed: {r}");
        return r.Stdout.Trim();
    }

    /// <summary>Removes every container and image in the private store (its files go with the lab's directory).</summary>
    public void Dispose()
    {
        Run("rm", "-a", "-f", "-t", "0");
        Run("rmi", "-a", "-f");
    }

    /// <summary>A tarball of a root holding busybox (and, when it is the dynamic build, its libraries) and /www/index.html.</summary>
    private string BuildRootTarball()
    {
        var rootfs = Path.Join(Root, "rootfs");
        var busybox = File.ResolveLinkTarget("/bin/busybox", returnFinalTarget: true)?.FullName ?? "/bin/busybox";
        CopyInto(rootfs, busybox, "/bin/busybox");
        foreach (var library in SharedLibraries(busybox))
            CopyInto(rootfs, library, library);
        File.CreateSymbolicLink(Path.Join(rootfs, "bin", "sh"), "busybox");
        Directory.CreateDirectory(Path.Join(rootfs, "www"));
        File.WriteAllText(Path.Join(rootfs, "www", "index.html"), "hello from podman " + _lab.Prefix);
        var tarball = Path.Join(Root, "rootfs.tar");
        TarFile.CreateFromDirectory(rootfs, tarball, includeBaseDirectory: false);
        return tarball;
    }

    private static void CopyInto(string rootfs, string source, string target)
    {
        var destination = Path.Join(rootfs, target);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: true);
    }

    /// <summary>The libraries ldd names (none for busybox-static, whose ldd says "not a dynamic executable").</summary>
    private static IEnumerable<string> SharedLibraries(string binary) =>
        Tool.Run(null, "ldd", binary).Stdout
            .Split('\n')
            .SelectMany(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.StartsWith('/'))
            .Distinct();
}

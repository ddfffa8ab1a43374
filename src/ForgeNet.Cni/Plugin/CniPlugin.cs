using ForgeNet.Cni.Spec;
using ForgeNet.Core.Errors;

namespace ForgeNet.Cni.Plugin;

/// <summary>
/// The forge-cni process: reads CNI_* and stdin, runs the verb, writes the result (or the spec's error JSON) to
/// stdout and returns the exit code. Invoked as forge-ipam (or with an "ipam" section of type forge-ipam in
/// another plugin's config), it serves as an IPAM plugin instead.
/// </summary>
public static class CniPlugin
{
    /// <summary>Name of the main plugin.</summary>
    public const string PluginName = "forge-cni";

    /// <summary>Name of the IPAM plugin (a symlink to the same binary).</summary>
    public const string IpamName = "forge-ipam";

    /// <summary>Runs one invocation; returns 0 on success, 1 after printing a CNI error.</summary>
    public static int Run(string programName, Func<string, string?> variable, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var version = CniVersion.Latest;
        try
        {
            var environment = CniEnvironment.Read(variable);
            var input = ReadAll(stdin);
            if (environment.Command == CniCommand.Version)
            {
                stdout.Write(CniJson.WriteVersionInfo(CniVersion.Latest));
                return 0;
            }
            var ipam = IsIpam(programName, input);
            var config = NetworkConfig.Parse(input, ipam, readPolicy: environment.Command == CniCommand.Add);
            version = config.CniVersion;
            CheckVerbAllowed(environment.Command, version);
            if (Dispatch(environment, config, ipam) is { } result)
                stdout.Write(CniJson.WriteResult(result, version));
            return 0;
        }
        catch (Exception e)
        {
            var error = Translate(e);
            stdout.Write(CniJson.WriteError(version, error.Code, error.Message, error.Details));
            if (error.Code == CniErrorCode.Failed) stderr.WriteLine($"{PluginName}: {e}");
            return 1;
        }
    }

    private static CniResult? Dispatch(CniEnvironment environment, NetworkConfig config, bool ipam)
    {
        if (ipam) return new ForgeIpam(environment, config).Run();
        var plugin = new ForgeCni(environment, config);
        switch (environment.Command)
        {
            case CniCommand.Add: return plugin.Add();
            case CniCommand.Del: plugin.Del(); return null;
            case CniCommand.Check: plugin.Check(); return null;
            case CniCommand.Gc: plugin.Gc(); return null;
            default: plugin.Status(); return null;
        }
    }

    // CHECK came with 0.4.0, GC and STATUS with 1.1.0: an older config cannot ask for them.
    private static void CheckVerbAllowed(CniCommand command, string version)
    {
        if (command == CniCommand.Check && !CniVersion.AllowsCheck(version))
            throw new CniException(CniErrorCode.IncompatibleVersion, "config version does not allow CHECK", $"config is \"{version}\"; CHECK needs 0.4.0 or later");
        if (command is CniCommand.Gc or CniCommand.Status && !CniVersion.AllowsGcAndStatus(version))
            throw new CniException(CniErrorCode.IncompatibleVersion, $"config version does not allow {command.ToString().ToUpperInvariant()}", $"config is \"{version}\"; it needs 1.1.0 or later");
    }

    private static bool IsIpam(string programName, byte[] input) =>
        Path.GetFileName(programName) == IpamName || NetworkConfig.IsIpamInvocation(input, PluginName, IpamName);

    private static byte[] ReadAll(Stream stdin)
    {
        try
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.IoFailure, $"error reading from stdin: {e.Message}");
        }
    }

    private static CniException Translate(Exception e) => e switch
    {
        CniException cni => cni,
        ForgeException forge => ErrorMapping.From(forge),
        _ => new CniException(CniErrorCode.Failed, e.Message, e.GetType().Name, e),
    };
}

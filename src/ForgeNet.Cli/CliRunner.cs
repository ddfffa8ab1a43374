using System.CommandLine;
using System.ComponentModel;
using ForgeNet.Core.Errors;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cli;

/// <summary>Runs a command's body and turns every failure into one line (or JSON) and an exit code: never a stack trace for a user mistake.</summary>
public static class CliRunner
{
    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables and text",
        Recursive = true,
    };

    /// <summary>Wires <paramref name="body"/> as the command's action.</summary>
    public static void SetBody(this Command command, Func<CliContext, int> body) =>
        command.SetAction(parse => Run(parse, body));

    private static int Run(ParseResult parse, Func<CliContext, int> body)
    {
        var json = parse.GetValue(JsonOption);
        using var context = new CliContext(parse, json);
        try
        {
            return body(context);
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            context.Output.Error(failure.Code, failure.Kind, failure.Message);
            return failure.Code;
        }
    }

    private sealed record Failure(int Code, string Kind, string Message);

    private static Failure? Classify(Exception ex) => ex switch
    {
        ForgeException f => new Failure(ExitCodes.For(f.Kind), KindName(f.Kind), f.Message),
        UsageException u => new Failure(ExitCodes.Usage, "invalid-argument", u.Message),
        UnauthorizedAccessException u => new Failure(ExitCodes.PermissionDenied, "permission-denied", $"{u.Message} (forge needs root: CAP_NET_ADMIN and CAP_SYS_ADMIN)"),
        NetlinkException { Errno: Kernel.Interop.Errno.EPERM } n => new Failure(ExitCodes.PermissionDenied, "permission-denied", $"{n.Message} (forge needs root)"),
        NetlinkException n => new Failure(ExitCodes.Failure, "kernel", n.Message),
        NamespaceException n => new Failure(ExitCodes.Failure, "kernel", n.Message),
        Win32Exception w => new Failure(ExitCodes.Failure, "system", w.Message),
        IOException io => new Failure(ExitCodes.Failure, "system", io.Message),
        _ => null, // a bug: let it surface with its stack trace
    };

    private static string KindName(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => "invalid-argument",
        ErrorKind.NotFound => "not-found",
        ErrorKind.AlreadyExists => "already-exists",
        ErrorKind.InUse => "in-use",
        ErrorKind.Exhausted => "exhausted",
        ErrorKind.Kernel => "kernel",
        _ => "internal",
    };
}

/// <summary>A mistake in the command line that the parser cannot see (e.g. an isolation mode name).</summary>
public sealed class UsageException(string message) : Exception(message);

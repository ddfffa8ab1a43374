using ForgeNet.Core.Errors;

namespace ForgeNet.Cli;

/// <summary>The documented exit codes of <c>forge</c> (docs/CLI.md). <c>run</c> and <c>exec</c> return the command's own code.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int Exhausted = 5;
    public const int PermissionDenied = 6;

    /// <summary>ForgeNet itself failed around a command run in a sandbox (podman's convention).</summary>
    public const int RunFailed = 125;
    public const int CannotExecute = 126;
    public const int CommandNotFound = 127;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => Usage,
        ErrorKind.NotFound => NotFound,
        ErrorKind.AlreadyExists or ErrorKind.InUse => Conflict,
        ErrorKind.Exhausted => Exhausted,
        _ => Failure,
    };
}

namespace ForgeNet.Bench.Methods;

/// <summary>The network of the baselines: a bridge holding the gateway address, made with `ip` in the host namespace.</summary>
internal static class BaselineBridge
{
    public static void Create(MethodContext context)
    {
        Ip("link", "add", context.Bridge, "type", "bridge");
        Ip("addr", "add", $"{MethodContext.Gateway}/{MethodContext.PrefixLength}", "dev", context.Bridge);
        Ip("link", "set", context.Bridge, "up");
    }

    public static void Delete(MethodContext context) => Command.TryRun("ip", "link", "del", context.Bridge);

    /// <summary>One `ip` process, in the calling thread's network namespace.</summary>
    public static void Ip(params string[] args) => Command.Run("ip", args);
}

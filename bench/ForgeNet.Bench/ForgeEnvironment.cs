namespace ForgeNet.Bench;

/// <summary>The environment that points a `forge` process at a throwaway host namespace and state directory.</summary>
internal static class ForgeEnvironment
{
    public static IReadOnlyDictionary<string, string> For(string hostNamespacePath, string stateDirectory, string namespacePrefix) =>
        new Dictionary<string, string>
        {
            ["FORGENET_HOST_NETNS"] = hostNamespacePath,
            ["FORGENET_STATE_DIR"] = stateDirectory,
            ["FORGENET_NETNS_PREFIX"] = namespacePrefix,
        };
}

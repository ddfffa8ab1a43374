using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ForgeNet.Core.Policy;

/// <summary>Reads YAML policies (or the network: section of a Phantom Fragment profile) into validated <see cref="NetworkPolicy"/> values.</summary>
public static class PolicyLoader
{
    /// <summary>Larger files are refused before parsing: a policy is a page, not a megabyte.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Reads and validates the policy file at <paramref name="path"/>; throws <see cref="PolicyException"/> when it is unusable.</summary>
    public static PolicyLoadResult Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxLength) throw TooLarge(path);
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(path, 0, 0, "", $"cannot read the policy: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates policy text; <paramref name="sourceName"/> names it in errors ("p.yaml:7:9: ...").</summary>
    public static PolicyLoadResult Parse(string text, string sourceName)
    {
        if (text.Length > MaxLength) throw TooLarge(sourceName);
        var context = new PolicyParseContext(sourceName);
        var root = ReadRoot(text, context);
        string? profile = null;
        var policy = NetworkPolicy.Default;
        var isProfile = root is { } cursor && PhantomFragmentProfile.Matches(cursor);
        if (isProfile)
            (policy, profile) = PhantomFragmentProfile.Parse(root!.Value, new PolicyParser(context));
        else if (root is { } policyRoot)
            policy = new PolicyParser(context).ParsePolicy(policyRoot);
        var warnings = PolicyValidator.ValidateOrThrow(policy, sourceName, context.Positions, isProfile ? "network" : "");
        return new PolicyLoadResult(policy, [.. context.Warnings, .. warnings], profile);
    }

    // The root node of the one document, or null for an empty file.
    private static YamlCursor? ReadRoot(string text, PolicyParseContext context)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new PolicyException(context.SourceName, (int)e.Start.Line, (int)e.Start.Column, "", $"invalid YAML: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
            var near = parser.Current?.End ?? Mark.Empty;
            throw new PolicyException(context.SourceName, (int)near.Line, (int)near.Column, "", "invalid YAML: the reader could not continue after this point");
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new PolicyException(context.SourceName, (int)second.Line, (int)second.Column, "", "expected one YAML document, found several (remove the second '---')");
        }
        return stream.Documents.Count == 0 ? null : new YamlCursor(context, stream.Documents[0].RootNode, "");
    }

    private static PolicyException TooLarge(string sourceName) =>
        new(sourceName, 0, 0, "", $"the policy is larger than {MaxLength / 1024} KiB");
}

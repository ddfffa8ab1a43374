using System.Text;
using System.Text.Json;
using ForgeNet.Cni.Spec;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Plugin;

/// <summary>
/// The network config's "policy" object, read by the same PolicyLoader as YAML files (JSON is YAML). The text
/// is handed over at its place in the config (blank lines and spaces before it), so "line:column" in an error
/// points into the config the runtime passed on stdin.
/// </summary>
internal static class InlinePolicy
{
    /// <summary>The source name errors carry: "network config (policy):3:17: ...".</summary>
    public const string SourceName = "network config (policy)";

    /// <summary>Parses the top-level "policy" value of <paramref name="config"/>; null when there is none.</summary>
    public static PolicyLoadResult? Parse(byte[] config)
    {
        if (Locate(config) is not { } span) return null;
        var text = Encoding.UTF8.GetString(config, span.Start, span.Length);
        var (line, column) = Position(config, span.Start);
        var padded = new string('\n', line - 1) + new string(' ', column - 1) + text;
        try
        {
            return PolicyLoader.Parse(padded, SourceName);
        }
        catch (PolicyException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, e.Message);
        }
    }

    // Byte offset and length of the top-level "policy" value.
    private static (int Start, int Length)? Locate(byte[] config)
    {
        var reader = new Utf8JsonReader(config, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("policy"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
                    throw new CniException(CniErrorCode.InvalidNetworkConfig, "\"policy\" must be an object (the schema of a YAML policy)");
                if (reader.TokenType == JsonTokenType.Null) return null;
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return (start, (int)reader.TokenStartIndex + 1 - start);
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                reader.Skip();
        }
        return null;
    }

    // 1-based line and column (in characters) of a byte offset.
    private static (int Line, int Column) Position(byte[] config, int offset)
    {
        var before = Encoding.UTF8.GetString(config, 0, offset);
        var lastNewline = before.LastIndexOf('\n');
        return (before.Count(c => c == '\n') + 1, before.Length - lastNewline);
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ForgeNet.Core.Policy;

/// <summary>Scalars written so that any YAML reader gets the same string back.</summary>
internal static partial class YamlText
{
    /// <summary>The text plain when that is unambiguous in a block (a name, a CIDR, "8080:80/tcp"), else double-quoted.</summary>
    public static string Scalar(string text) =>
        SafePlain().IsMatch(text) && !text.EndsWith(':') && !LooksTyped().IsMatch(text) ? text : Quoted(text);

    /// <summary>Like <see cref="Scalar"/>, for inside [...] or {...}, where YAML 1.1 readers end a plain scalar at ':'.</summary>
    public static string FlowScalar(string text) => text.Contains(':', StringComparison.Ordinal) ? Quoted(text) : Scalar(text);

    /// <summary>Always double-quoted, with YAML escapes for quotes, backslashes and non-printable characters.</summary>
    public static string Quoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\r' => builder.Append("\\r"),
                _ when NeedsEscape(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }

    // C0 and C1 controls, DEL, line/paragraph separators, BOM, non-characters and lone surrogates are not printable in YAML.
    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff' || char.IsSurrogate(c);

    // Starts with a letter, digit or '_'; no '#', ',', brackets, quotes, '*', '&', '!' or spaces anywhere.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./=+:-]*\z")]
    private static partial Regex SafePlain();

    // What a YAML 1.1 or 1.2 reader could take for a null, boolean or number.
    [GeneratedRegex(@"^(~|null|true|false|yes|no|y|n|on|off|[-+]?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)\z", RegexOptions.IgnoreCase)]
    private static partial Regex LooksTyped();
}

namespace ForgeNet.Core.Model;

/// <summary>
/// The kernel's counter of one rule of a sandbox's chains. <see cref="Verdict"/> is "accept" or "drop" (reject counts
/// as drop); <see cref="Rule"/> is the rule's comment, or "#N" (its position in the chain) when it has none.
/// </summary>
public sealed record FirewallRuleCounter(string Sandbox, string HostInterface, string Table, string Chain, string Rule,
    string Verdict, ulong Packets, ulong Bytes);

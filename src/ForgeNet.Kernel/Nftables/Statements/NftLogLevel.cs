namespace ForgeNet.Kernel.Nftables;

/// <summary>The syslog level of a <c>log</c> statement (<see cref="Audit"/> logs to the audit subsystem).</summary>
public enum NftLogLevel
{
    Emerg,
    Alert,
    Crit,
    Err,
    Warn,
    Notice,
    Info,
    Debug,
    Audit,
}

namespace ForgeNet.Dns.Server;

/// <summary>A server could not start (its address or port is taken, or not there).</summary>
public sealed class DnsServerException(string message, Exception? inner = null) : Exception(message, inner);

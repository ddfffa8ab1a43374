using System.Net;

namespace ForgeNet.Dns.Forwarding;

/// <summary>A response ready to send (id still the upstream's), with what the firewall needs: final addresses and their remaining TTL.</summary>
public sealed record CachedResponse(byte[] Packet, int OptStart, IReadOnlyList<IPAddress> Addresses, uint Ttl);

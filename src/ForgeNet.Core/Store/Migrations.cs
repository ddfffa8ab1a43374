namespace ForgeNet.Core.Store;

/// <summary>
/// The schema, as ordered migrations: entry i moves PRAGMA user_version from i to i + 1.
/// Append only; never edit a migration that has shipped.
/// </summary>
internal static class Migrations
{
    public static readonly string[] Steps =
    [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE networks (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, driver TEXT NOT NULL, bridge TEXT NOT NULL UNIQUE,
            subnet4 TEXT, gateway4 TEXT, subnet6 TEXT, gateway6 TEXT,
            internal INTEGER NOT NULL, mtu INTEGER NOT NULL, created INTEGER NOT NULL) STRICT;
        -- actor: the process that set state (creator while creating, remover while removing).
        CREATE TABLE sandboxes (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, isolation TEXT NOT NULL, netns TEXT NOT NULL,
            state TEXT NOT NULL, owner_pid INTEGER, owner_start INTEGER,
            actor_pid INTEGER NOT NULL, actor_start INTEGER, created INTEGER NOT NULL) STRICT;
        CREATE TABLE endpoints (
            sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
            network_id TEXT NOT NULL REFERENCES networks(id),
            position INTEGER NOT NULL, ifname TEXT NOT NULL, host_ifname TEXT NOT NULL UNIQUE, mac TEXT NOT NULL,
            PRIMARY KEY (sandbox_id, network_id)) STRICT;
        CREATE INDEX endpoints_by_network ON endpoints(network_id);
        CREATE TABLE allocations (
            network_id TEXT NOT NULL REFERENCES networks(id), family INTEGER NOT NULL,
            address TEXT NOT NULL, prefix_length INTEGER NOT NULL,
            sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
            UNIQUE (network_id, address)) STRICT;
        CREATE INDEX allocations_by_sandbox ON allocations(sandbox_id);
        INSERT INTO meta (key, value) VALUES ('instance_id', lower(hex(randomblob(4))));
        """,
        // The policy in force, as canonical YAML (NULL for sandboxes made before: their mode's default), and the
        // sandbox names it selects with {peer: name}, so the firewall knows which names need peer sets.
        """
        ALTER TABLE sandboxes ADD COLUMN policy TEXT;
        CREATE TABLE peer_refs (
            sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
            peer TEXT NOT NULL,
            PRIMARY KEY (sandbox_id, peer)) STRICT;
        CREATE INDEX peer_refs_by_peer ON peer_refs(peer);
        """,
        // Labels a sandbox carries, for the {labels: {...}} peer selectors of policies.
        """
        CREATE TABLE sandbox_labels (
            sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (sandbox_id, key)) STRICT;
        """,
        // Sandboxes in a namespace a runtime owns (CNI, AssignEndpoint): netns then holds its path and
        // external_netns its identity "dev:inode" (NULL when ForgeNet made the namespace); container_id is the
        // runtime's key (CNI_CONTAINERID) that, with an endpoint's ifname, names one attachment.
        """
        ALTER TABLE sandboxes ADD COLUMN external_netns TEXT;
        ALTER TABLE sandboxes ADD COLUMN container_id TEXT;
        CREATE INDEX sandboxes_by_container ON sandboxes(container_id) WHERE container_id IS NOT NULL;
        """,
        // Address pools for other plugins (forge-ipam): no bridge, no sandbox; a lease is one address of one
        // family for one (container id, interface) attachment, chosen and recorded in one transaction.
        """
        CREATE TABLE ipam_pools (name TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, subnet4 TEXT, subnet6 TEXT, created INTEGER NOT NULL) STRICT;
        CREATE TABLE ipam_leases (
            pool TEXT NOT NULL REFERENCES ipam_pools(name) ON DELETE CASCADE,
            container_id TEXT NOT NULL, ifname TEXT NOT NULL, family INTEGER NOT NULL,
            address TEXT NOT NULL, prefix_length INTEGER NOT NULL,
            PRIMARY KEY (pool, container_id, ifname, family),
            UNIQUE (pool, address)) STRICT;
        """,
        // The host ports a sandbox's policy publishes, as PublishedPorts text: checking a new mapping against every
        // other sandbox must not parse every stored policy. NULL for rows made before (their policy is parsed).
        """
        ALTER TABLE sandboxes ADD COLUMN published TEXT;
        """,
    ];

    public static int Latest => Steps.Length;
}

using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Events;

/// <summary>
/// Fans events out to every WatchEvents stream. Each subscriber has a bounded queue; a subscriber that falls
/// 1,024 events behind loses the oldest, never slows the daemon down.
/// </summary>
public sealed class EventHub
{
    private const int QueueLength = 1024;
    private readonly Lock _lock = new();
    private readonly List<Channel<V1.Event>> _subscribers = [];

    /// <summary>Number of open subscriptions (for tests and metrics).</summary>
    public int Subscribers
    {
        get
        {
            lock (_lock) return _subscribers.Count;
        }
    }

    /// <summary>Publishes an event with the current time.</summary>
    public void Publish(V1.Event.Types.Kind kind, string endpoint = "", string network = "", string detail = "", ulong count = 0)
    {
        var e = new V1.Event
        {
            Kind = kind,
            Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Endpoint = endpoint,
            Network = network,
            Detail = detail,
            Count = count,
        };
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(e);
        }
    }

    /// <summary>A new subscription; dispose it to unsubscribe.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<V1.Event>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock) _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    /// <summary>One subscriber's queue.</summary>
    public sealed class Subscription(EventHub hub, Channel<V1.Event> channel) : IDisposable
    {
        /// <summary>The events, in the order they were published.</summary>
        public ChannelReader<V1.Event> Reader => channel.Reader;

        public void Dispose()
        {
            lock (hub._lock) hub._subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}

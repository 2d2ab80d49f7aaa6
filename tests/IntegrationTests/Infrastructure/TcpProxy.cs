using System.Net;
using System.Net.Sockets;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder between the API and PostgreSQL that a test can cut and restore, to see how the
/// service behaves when its database goes away and comes back, without stopping a real server.
/// The port stays this proxy's for its whole life: while closed, a bound socket that does not listen holds it (so
/// connections are refused, as by a stopped server), and the listener never sets <c>ReuseAddress</c>, which on
/// Linux also means <c>SO_REUSEPORT</c> and would let another process's listener share the port and take a share
/// of the connections (test runs of other checkouts on the same machine use this class too).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;
    private Socket? _reservation;

    public TcpProxy(string host, int port)
    {
        var address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _target = new IPEndPoint(address, port);
        _reservation = Reserve(0);
        Port = ((IPEndPoint)_reservation.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>How long a new connection waits before it reaches the server: a database slow to accept, not a gone one.</summary>
    public TimeSpan ConnectDelay { get; set; }

    public bool IsOpen => _listener is not null;

    /// <summary>Starts accepting and forwarding connections.</summary>
    public void Open()
    {
        if (_listener is not null)
        {
            return;
        }

        _reservation?.Dispose();
        _reservation = null;
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    /// <summary>Stops listening (new connections are refused) and cuts every forwarded connection.</summary>
    public void Close()
    {
        _cts?.Cancel();
        var wasOpen = _listener is not null;
        _listener?.Stop();
        _listener = null;
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }

        if (wasOpen)
        {
            _reservation = Reserve(Port);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _reservation?.Dispose();
        _reservation = null;
        _cts?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A socket bound to the loopback port that does not listen: it holds the port and refuses connections.</summary>
    private static Socket Reserve(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        lock (_lock)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }

        try
        {
            if (ConnectDelay > TimeSpan.Zero)
            {
                await Task.Delay(ConnectDelay, cancellationToken);
            }

            await upstream.ConnectAsync(_target, cancellationToken);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is the point of this class.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}

using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;

namespace ImCsGen.Transport;

/// <summary>
/// Tells the failures that happen before a byte of the request leaves (no connection) from those after it.
/// The difference decides everything downstream: a connect failure is certainly not processed, so it may be
/// repeated even on an unsafe endpoint and moves the call to the standby domain; anything later may have
/// reached Tencent.
/// </summary>
internal static class ImConnectFailures
{
    public static bool IsConnectFailure(HttpRequestException exception)
    {
        // These errors happen before a byte of the request is sent: Tencent certainly did not process it.
        if (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        return exception.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain };
    }

    public static bool HasTimeout(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    // SocketsHttpHandler reports an elapsed ConnectTimeout as a cancellation (with a TimeoutException inside)
    // that is not the caller's and not ours; HttpClient.Timeout looks the same, so a cancellation counts as a
    // connect timeout only when that client's Timeout is off or has not elapsed yet.
    public static bool IsConnectTimeout(OperationCanceledException exception, HttpClient client, long sendStarted)
    {
        if (!HasTimeout(exception))
        {
            return false;
        }

        return client.Timeout == System.Threading.Timeout.InfiniteTimeSpan || Stopwatch.GetElapsedTime(sendStarted) < client.Timeout;
    }
}

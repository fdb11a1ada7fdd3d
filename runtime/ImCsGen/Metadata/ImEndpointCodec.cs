using System;
using System.Text.Json;
using ImCsGen.Transport;

namespace ImCsGen.Serialization;

/// <summary>Reads a value of <typeparamref name="T"/> at the reader's current token (a generated <c>ReadJson</c>).</summary>
/// <typeparam name="T">The value read.</typeparam>
/// <param name="reader">The reader, positioned on the value's first token.</param>
/// <returns>The value read.</returns>
public delegate T ImJsonRead<out T>(ref Utf8JsonReader reader);

/// <summary>
/// The JSON codecs of one endpoint, emitted by the generator into <c>{Client}Codecs.ByPath</c>, so that
/// code which only knows a path (the emulator, the documented-examples test) can read and write the
/// endpoint's typed request and response without reflection.
/// </summary>
public sealed class ImEndpointCodec
{
    private readonly ImJsonRead<IImRequest> _readRequest;
    private readonly ImJsonRead<ImResponse> _readResponse;
    private readonly Action<ImResponse, Utf8JsonWriter> _writeResponse;

    /// <summary>Creates the codecs of <paramref name="endpoint"/>; called by generated code.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="readRequest">The request type's <c>ReadJson</c>.</param>
    /// <param name="readResponse">The response type's <c>ReadJson</c>.</param>
    /// <param name="writeResponse">Writes a response of the endpoint's response type.</param>
    public ImEndpointCodec(ImEndpoint endpoint, ImJsonRead<IImRequest> readRequest, ImJsonRead<ImResponse> readResponse, Action<ImResponse, Utf8JsonWriter> writeResponse)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _readRequest = readRequest ?? throw new ArgumentNullException(nameof(readRequest));
        _readResponse = readResponse ?? throw new ArgumentNullException(nameof(readResponse));
        _writeResponse = writeResponse ?? throw new ArgumentNullException(nameof(writeResponse));
    }

    /// <summary>The endpoint these codecs belong to.</summary>
    public ImEndpoint Endpoint { get; }

    /// <summary>Reads a request body of this endpoint into its generated request type (not validated).</summary>
    /// <param name="reader">The reader, positioned before or on the body's start.</param>
    /// <returns>The typed request.</returns>
    public IImRequest ReadRequest(ref Utf8JsonReader reader) => _readRequest(ref reader);

    /// <summary>Reads a response body of this endpoint (envelope included) into its generated response type.</summary>
    /// <param name="reader">The reader, positioned before or on the body's start.</param>
    /// <returns>The typed response.</returns>
    public ImResponse ReadResponse(ref Utf8JsonReader reader) => _readResponse(ref reader);

    /// <summary>Writes a response of this endpoint's response type.</summary>
    /// <param name="response">A response read by <see cref="ReadResponse"/> or built by the caller.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="InvalidCastException">The response is of another endpoint's type.</exception>
    public void WriteResponse(ImResponse response, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(writer);
        _writeResponse(response, writer);
    }
}

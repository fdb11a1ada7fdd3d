using System;

namespace ImCsGen.Emulator.Http;

/// <summary>Thrown by a handler to answer with <c>ActionStatus: FAIL</c> and a Tencent error code.</summary>
public sealed class ImCallException : Exception
{
    /// <summary>Creates the failure.</summary>
    public ImCallException(int errorCode, string errorInfo)
        : base(errorInfo)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The Tencent error code.</summary>
    public int ErrorCode { get; }
}

namespace ImCsGen.Generator.Model;

// An endpoint's documented message quota besides its calls-per-second limit (spec "quota" entry), e.g.
// openim/batchsendmsg: 12,000 messages a minute, counted per recipient.

/// <summary>The parsed <c>quota</c> entry of an endpoint.</summary>
internal sealed record QuotaSyntax(SpecLocation Location, int Permits, int PerSeconds, string CountField, string Source);

/// <summary>The resolved quota: what the emitter writes into the endpoint table.</summary>
internal sealed record QuotaModel(int Permits, int PerSeconds, string CountField, string Source);

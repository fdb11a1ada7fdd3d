using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Desk;
using ImCsGen.Emulator.Faults;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImCsGen.Emulator.Control;

/// <summary>
/// The HTTP control API under <c>/_emulator/</c> (JSON in and out, no authentication: the emulator only
/// listens on 127.0.0.1). Documented in the emulator README.
/// </summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app, ImEmulator emulator)
    {
        Get(app, "/_emulator/health", (_, w) =>
        {
            w.WriteString("status", "ok");
            w.WriteNumber("sdkAppId", emulator.Options.SdkAppId);
            w.WriteString("baseAddress", emulator.BaseAddress.ToString());
            w.WriteStartArray("administrators");
            foreach (var admin in emulator.Options.Administrators)
            {
                w.WriteStringValue(admin);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Get(app, "/_emulator/accounts", (_, w) =>
        {
            w.WriteStartArray("accounts");
            foreach (var account in emulator.State.GetAccounts())
            {
                w.WriteStartObject();
                w.WriteString("userId", account.UserId);
                w.WriteBoolean("administrator", account.IsAdministrator);
                w.WriteString("nick", account.Nick);
                w.WriteString("faceUrl", account.FaceUrl);
                w.WriteBoolean("online", account.Online);
                w.WriteNumber("kicked", account.KickCount);
                w.WriteNumber("tinyId", account.TinyId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/accounts/{userId}/online", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var account = emulator.State.FindAccount(Route(context, "userId")) ?? throw new ServiceDeskException("no account '" + Route(context, "userId") + "'", notFound: true);
            bool changed;
            lock (emulator.State.Sync)
            {
                var wanted = !body.RootElement.TryGetProperty("online", out var online) || online.ValueKind != JsonValueKind.False;
                changed = wanted != account.Online;
                account.Online = wanted;
            }

            if (changed && emulator.Options.Callbacks is not null)
            {
                // An emulated client logging in or out: State.StateChange, as Tencent sends it.
                emulator.Pipeline.FireCallback(Callbacks.EventCallbacks.StateChange(account.UserId, account.Online, emulator.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            w.WriteBoolean("online", account.Online);
        });

        Get(app, "/_emulator/messages", (context, w) =>
        {
            var a = context.Request.Query["a"].ToString();
            var b = context.Request.Query["b"].ToString();
            if (a.Length == 0 || b.Length == 0)
            {
                throw new ArgumentException("query: both a and b (the two accounts) are required");
            }

            var messages = emulator.State.GetMessages(a, b);
            w.WriteNumber("count", messages.Count);
            w.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(w, message);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Get(app, "/_emulator/messages/count", (_, w) =>
        {
            w.WriteNumber("total", emulator.State.MessageCount);
            w.WriteNumber("duplicatesSuppressed", emulator.State.DuplicatesSuppressed);
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/users/{userId}/send", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var to = Str(root, "to");
            var user = Route(context, "userId");
            StoredMessage message;
            if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                message = emulator.SendTextAsClient(user, to, text.GetString()!);
            }
            else if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
            {
                message = emulator.SendAsClient(user, to, CustomBody(data.GetString()!));
            }
            else
            {
                throw new ArgumentException("body: needs text (a string) or data (the TIMCustomElem Data string)");
            }

            w.WritePropertyName("message");
            WriteMessage(w, message);
        });

        Get(app, "/_emulator/sessions", (_, w) =>
        {
            w.WriteStartArray("sessions");
            foreach (var session in emulator.Desk.GetSessions())
            {
                WriteSession(w, session, emulator, transcript: false);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Get(app, "/_emulator/sessions/{sessionId}", (context, w) =>
        {
            var id = Route(context, "sessionId");
            var session = emulator.Desk.FindSession(id) ?? throw new ServiceDeskException("no session '" + id + "'", notFound: true);
            w.WritePropertyName("session");
            WriteSession(w, session, emulator, transcript: true);
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/sessions/{sessionId}/timeout", (context, w) =>
        {
            w.WritePropertyName("session");
            WriteSession(w, emulator.Desk.TimeOut(Route(context, "sessionId")), emulator, transcript: false);
            return Task.CompletedTask;
        });

        // TCCC-shaped views (DescribeIMCdrs' IMCdrInfo and DescribeChatMessages' MessageBody), so code written
        // against those actions' fields can be tested; PascalCase like the TCCC API.
        Get(app, "/_emulator/tccc/cdrs", (_, w) =>
        {
            var sessions = emulator.Desk.GetSessions();
            w.WriteNumber("TotalCount", sessions.Count);
            w.WriteStartArray("IMCdrList");
            var id = 0;
            foreach (var session in sessions)
            {
                WriteCdr(w, session, ++id, emulator);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Get(app, "/_emulator/tccc/chat-messages", (context, w) =>
        {
            var id = context.Request.Query["sessionId"].ToString();
            var session = emulator.Desk.FindSession(id) ?? throw new ServiceDeskException("no session '" + id + "'", notFound: true);
            var newestFirst = context.Request.Query["order"].ToString() != "1";
            var entries = newestFirst ? session.Transcript.Reverse().ToList() : session.Transcript.ToList();
            w.WriteNumber("TotalCount", entries.Count);
            w.WriteStartArray("Messages");
            foreach (var entry in entries)
            {
                w.WriteStartObject();
                w.WriteNumber("Timestamp", entry.Timestamp);
                w.WriteString("From", entry.From);
                w.WriteStartArray("Messages");
                w.WriteStartObject();
                w.WriteString("Type", entry.Type);
                w.WriteString("Content", entry.Content);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Get(app, "/_emulator/agents", (_, w) =>
        {
            w.WriteStartArray("agents");
            foreach (var agent in emulator.Desk.GetAgents())
            {
                WriteAgent(w, agent);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/agents", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var config = new AgentConfig(Str(root, "id"), root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : Str(root, "id"));
            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
            {
                config.Status = status.GetString()!;
            }

            if (root.TryGetProperty("skillGroups", out var groups) && groups.ValueKind == JsonValueKind.Array)
            {
                foreach (var group in groups.EnumerateArray())
                {
                    config.SkillGroups.Add(group.GetString() ?? string.Empty);
                }
            }

            w.WritePropertyName("agent");
            WriteAgent(w, emulator.Desk.AddAgent(config));
        });

        Post(app, "/_emulator/agents/{agentId}/status", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            emulator.Desk.SetAgentStatus(Route(context, "agentId"), Str(body.RootElement, "status"));
            w.WriteString("status", Str(body.RootElement, "status"));
        });

        Get(app, "/_emulator/agents/{agentId}/queue", (context, w) =>
        {
            w.WriteStartArray("sessions");
            foreach (var session in emulator.Desk.GetQueue(Route(context, "agentId")))
            {
                WriteSession(w, session, emulator, transcript: true);
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/agents/{agentId}/accept", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var sessionId = body.RootElement.TryGetProperty("sessionId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            w.WritePropertyName("session");
            WriteSession(w, emulator.Desk.Accept(Route(context, "agentId"), sessionId), emulator, transcript: false);
        });

        Post(app, "/_emulator/agents/{agentId}/reply", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var message = emulator.Desk.Reply(Route(context, "agentId"), Str(body.RootElement, "sessionId"), Str(body.RootElement, "text"));
            w.WritePropertyName("message");
            WriteMessage(w, message);
        });

        Post(app, "/_emulator/agents/{agentId}/end", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            w.WritePropertyName("session");
            WriteSession(w, emulator.Desk.End(Route(context, "agentId"), Str(body.RootElement, "sessionId")), emulator, transcript: false);
        });

        Get(app, "/_emulator/faults", (_, w) =>
        {
            w.WriteStartArray("rules");
            foreach (var rule in emulator.Faults.Rules)
            {
                WriteRule(w, rule);
            }

            w.WriteEndArray();
            w.WriteNumber("fired", emulator.Faults.TotalFired);
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/faults", async (context, w) =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var rule = ReadRule(body.RootElement);
            emulator.Faults.Add(rule);
            w.WritePropertyName("rule");
            WriteRule(w, rule);
        });

        app.MapDelete("/_emulator/faults", (RequestDelegate)(context => Respond(context, (_, w) =>
        {
            emulator.Faults.Clear();
            w.WriteBoolean("cleared", true);
            return Task.CompletedTask;
        })));

        Get(app, "/_emulator/stats", (_, w) =>
        {
            w.WriteStartObject("requests");
            foreach (var (path, count) in emulator.Stats.RequestsByPath.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(path, count);
            }

            w.WriteEndObject();
            w.WriteStartObject("responses");
            foreach (var (code, count) in emulator.Stats.ResponsesByCode.OrderBy(p => p.Key))
            {
                w.WriteNumber(code.ToString(CultureInfo.InvariantCulture), count);
            }

            w.WriteEndObject();
            w.WriteStartObject("faults");
            foreach (var kind in Enum.GetValues<FaultKind>())
            {
                w.WriteNumber(KindName(kind), emulator.Faults.FiredCount(kind));
            }

            w.WriteEndObject();
            w.WriteNumber("messages", emulator.State.MessageCount);
            w.WriteNumber("duplicatesSuppressed", emulator.State.DuplicatesSuppressed);
            w.WriteNumber("rejectedRatings", emulator.Desk.RejectedRatings);
            return Task.CompletedTask;
        });

        // The calls of one rate-limited path per one-second window as the emulator counted them for its limit: what
        // a multi-process test needs to see where calls bunched (the emulator may run in another process).
        Get(app, "/_emulator/stats/rate-windows", (context, w) =>
        {
            var path = context.Request.Query["path"].ToString();
            if (path.Length == 0)
            {
                throw new ArgumentException("query: path (an endpoint path such as openim/sendmsg) is required");
            }

            w.WriteString("path", path);
            w.WriteNumber("limit", emulator.Options.GetRateLimit(path));
            w.WriteStartArray("windows");
            foreach (var window in emulator.Stats.RateWindows(path))
            {
                w.WriteStartObject();
                w.WriteNumber("second", window.Second);
                w.WriteNumber("calls", window.Calls);
                w.WriteNumber("refused", window.Refused);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            return Task.CompletedTask;
        });

        Post(app, "/_emulator/config", async (context, w) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var json = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var config = ServiceDeskConfig.Parse(json);
            emulator.Desk.Configure(config);
            w.WriteNumber("flows", config.Flows.Count);
            w.WriteNumber("skillGroups", config.SkillGroups.Count);
            w.WriteNumber("agents", config.Agents.Count);
        });

        Post(app, "/_emulator/reset", (_, w) =>
        {
            emulator.Reset();
            w.WriteBoolean("reset", true);
            return Task.CompletedTask;
        });

        AreaControlApi.Map(app, emulator);
        GroupControlApi.Map(app, emulator);
        UserReadControlApi.Map(app, emulator);
    }

    internal static void Get(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Utf8JsonWriter, Task> body)
        => app.MapGet(pattern, (RequestDelegate)(context => Respond(context, body)));

    internal static void Post(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Utf8JsonWriter, Task> body)
        => app.MapPost(pattern, (RequestDelegate)(context => Respond(context, body)));

    private static async Task Respond(HttpContext context, Func<HttpContext, Utf8JsonWriter, Task> body)
    {
        using var buffer = new MemoryStream();
        int status;
        try
        {
            await using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
            {
                writer.WriteStartObject();
                await body(context, writer).ConfigureAwait(false);
                writer.WriteEndObject();
            }

            status = StatusCodes.Status200OK;
        }
        catch (Exception e) when (e is ServiceDeskException or ArgumentException or FormatException or JsonException or KeyNotFoundException)
        {
            buffer.SetLength(0);
            await using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("error", e.Message);
                writer.WriteEndObject();
            }

            status = e is ServiceDeskException { NotFound: true } ? StatusCodes.Status404NotFound
                : e is ServiceDeskException ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        using var memory = new MemoryStream();
        await context.Request.Body.CopyToAsync(memory, context.RequestAborted).ConfigureAwait(false);
        if (memory.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        var document = JsonDocument.Parse(memory.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("body: expected a JSON object");
        }

        return document;
    }

    internal static string Route(HttpContext context, string name) => (string?)context.Request.RouteValues[name] ?? string.Empty;

    internal static string Str(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new ArgumentException(name + ": required non-empty string");

    private static string CustomBody(string data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("MsgType", "TIMCustomElem");
            writer.WriteStartObject("MsgContent");
            writer.WriteString("Data", data);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMessage(Utf8JsonWriter w, StoredMessage message)
    {
        w.WriteStartObject();
        w.WriteNumber("id", message.Id);
        w.WriteString("from", message.From);
        w.WriteString("to", message.To);
        w.WriteNumber("msgSeq", message.MsgSeq);
        w.WriteNumber("msgRandom", message.MsgRandom);
        w.WriteNumber("msgTime", message.MsgTime);
        w.WriteString("msgKey", message.MsgKey);
        w.WriteString("origin", message.Origin.ToString());
        w.WriteBoolean("recalled", message.Recalled);
        w.WriteNumber("duplicatesSuppressed", message.DuplicatesSuppressed);
        w.WritePropertyName("msgBody");
        Json.WriteRaw(w, message.MsgBodyJson);
        if (message.CloudCustomData is not null)
        {
            w.WriteString("cloudCustomData", message.CloudCustomData);
        }

        w.WriteEndObject();
    }

    private static void WriteSession(Utf8JsonWriter w, ServiceSession session, ImEmulator emulator, bool transcript)
    {
        w.WriteStartObject();
        w.WriteString("sessionId", session.SessionId);
        w.WriteString("virtualAccount", session.VirtualAccount);
        w.WriteString("user", session.User);
        w.WriteString("activation", session.Activation.ToString());
        w.WriteString("state", session.State.ToString());
        w.WriteNumber("startTimestamp", session.StartedAt.ToUnixTimeSeconds());
        w.WriteNumber("duration", session.DurationSeconds(emulator.Options.Clock.GetUtcNow()));
        w.WriteString("skillGroupId", session.SkillGroup?.Id);
        w.WriteString("skillGroupName", session.SkillGroup?.Name);
        w.WriteString("routedAgentId", session.RoutedAgentId);
        w.WriteString("staffId", session.StaffId);
        if (session.EndStatusCode is { } endStatus)
        {
            w.WriteNumber("endStatus", endStatus);
        }
        else
        {
            w.WriteNull("endStatus");
        }

        if (session.SatisfactionId is { } satisfaction)
        {
            w.WriteStartObject("satisfaction");
            w.WriteNumber("id", satisfaction);
            w.WriteString("label", session.SatisfactionLabel);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("satisfaction");
        }

        w.WriteNumber("autoAnswers", session.AutoAnswers);
        if (transcript)
        {
            w.WriteStartArray("transcript");
            foreach (var entry in session.Transcript)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp", entry.Timestamp);
                w.WriteString("from", entry.From);
                w.WriteString("role", entry.Role);
                w.WriteString("type", entry.Type);
                w.WriteString("content", entry.Content);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteCdr(Utf8JsonWriter w, ServiceSession session, int id, ImEmulator emulator)
    {
        w.WriteStartObject();
        w.WriteNumber("Id", id);
        w.WriteString("SessionId", session.SessionId);
        w.WriteNumber("Type", 2);
        w.WriteNumber("Timestamp", session.StartedAt.ToUnixTimeSeconds());
        w.WriteNumber("Duration", session.DurationSeconds(emulator.Options.Clock.GetUtcNow()));
        if (session.EndStatusCode is { } endStatus)
        {
            w.WriteNumber("EndStatus", endStatus);
        }
        else
        {
            w.WriteNull("EndStatus");
        }

        w.WriteString("ClientUserId", session.User);
        w.WriteString("Nickname", emulator.State.FindAccount(session.User)?.Nick ?? session.User);
        w.WriteString("StaffId", session.StaffId);
        w.WriteString("SkillGroupId", session.SkillGroup?.Id);
        w.WriteString("SkillGroupName", session.SkillGroup?.Name);
        if (session.SatisfactionId is { } satisfaction)
        {
            w.WriteStartObject("Satisfaction");
            w.WriteNumber("Id", satisfaction);
            w.WriteString("Label", session.SatisfactionLabel);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("Satisfaction");
        }

        w.WriteEndObject();
    }

    private static void WriteAgent(Utf8JsonWriter w, Agent agent)
    {
        w.WriteStartObject();
        w.WriteString("id", agent.Id);
        w.WriteString("name", agent.Name);
        w.WriteStartArray("skillGroups");
        foreach (var group in agent.SkillGroups)
        {
            w.WriteStringValue(group);
        }

        w.WriteEndArray();
        w.WriteString("status", agent.Status);
        w.WriteNumber("activeSessions", agent.ActiveSessions);
        w.WriteNumber("queuedSessions", agent.QueuedSessions);
        w.WriteEndObject();
    }

    private static FaultRule ReadRule(JsonElement root)
    {
        var kind = Str(root, "kind") switch
        {
            "httpError" => FaultKind.HttpError,
            "delay" => FaultKind.Delay,
            "errorCode" => FaultKind.ErrorCode,
            "replyLost" => FaultKind.ReplyLost,
            "connectionReset" => FaultKind.ConnectionReset,
            var other => throw new ArgumentException("kind: '" + other + "' is not one of httpError, delay, errorCode, replyLost, connectionReset"),
        };
        var rule = new FaultRule { Kind = kind };
        if (root.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String)
        {
            rule.Path = path.GetString()!;
        }

        if (root.TryGetProperty("probability", out var probability))
        {
            rule.Probability = probability.GetDouble();
        }

        if (root.TryGetProperty("remaining", out var remaining) && remaining.ValueKind == JsonValueKind.Number)
        {
            rule.Remaining = remaining.GetInt32();
        }

        if (root.TryGetProperty("httpStatus", out var status))
        {
            rule.HttpStatus = status.GetInt32();
        }

        if (root.TryGetProperty("errorCode", out var code))
        {
            rule.ErrorCode = code.GetInt32();
        }

        if (root.TryGetProperty("delayMs", out var delay))
        {
            rule.Delay = TimeSpan.FromMilliseconds(delay.GetInt32());
        }

        return rule;
    }

    private static void WriteRule(Utf8JsonWriter w, FaultRule rule)
    {
        w.WriteStartObject();
        w.WriteString("path", rule.Path);
        w.WriteString("kind", KindName(rule.Kind));
        w.WriteNumber("probability", rule.Probability);
        if (rule.Remaining is { } remaining)
        {
            w.WriteNumber("remaining", remaining);
        }

        w.WriteNumber("httpStatus", rule.HttpStatus);
        w.WriteNumber("errorCode", rule.ErrorCode);
        w.WriteNumber("delayMs", (long)rule.Delay.TotalMilliseconds);
        w.WriteNumber("fired", rule.Fired);
        w.WriteEndObject();
    }

    private static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.HttpError => "httpError",
        FaultKind.Delay => "delay",
        FaultKind.ErrorCode => "errorCode",
        FaultKind.ConnectionReset => "connectionReset",
        _ => "replyLost",
    };
}

using System;
using System.Linq;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Chatbots: accounts starting with @RBT#, and streaming messages stored as one growing C2C text.</summary>
internal static class ChatbotHandlers
{
    // spec create_robot (prose): an app account can create at most 20 chatbots.
    private const int MaxChatbots = 20;

    public static void Create(ImCall call)
    {
        // The @RBT# prefix is the spec's pattern on UserID, checked by SpecValidation before this handler runs.
        var id = call.RequiredString("UserID", userId: true);

        var bots = call.State.Areas.Chatbots;
        if (bots.Contains(id))
        {
            // Creating the same UserID twice creates one chatbot (spec create_robot).
            return;
        }

        if (bots.Count >= MaxChatbots)
        {
            throw call.Invalid("UserID", "at most 20 chatbots");
        }

        call.State.ImportAccount(id, call.OptionalString("Nick"), call.OptionalString("FaceUrl"));
        bots.Add(id);
    }

    public static void Delete(ImCall call)
    {
        var id = call.RequiredString("Robot_Account", userId: true);
        if (!call.State.Areas.Chatbots.Remove(id))
        {
            throw new ImCallException(EmulatorErrorCodes.AccountNotImported, "Robot_Account: '" + id + "' is not a chatbot");
        }

        call.State.DeleteAccount(id);
    }

    public static void GetAll(ImCall call) => call.WriteStrings("Robot_Account", call.State.Areas.Chatbots);

    public static void SendStream(ImCall call)
    {
        var from = call.RequiredString("From_Account", userId: true);
        if (!call.State.Areas.Chatbots.Contains(from))
        {
            throw new ImCallException(EmulatorErrorCodes.MessageAccountNotFound, "From_Account: '" + from + "' is not a chatbot");
        }

        var to = call.RequiredString("To_Account", userId: true);
        call.RequireAccount(to, EmulatorErrorCodes.MessageAccountNotFound, "To_Account");
        var chunk = call.RequiredString("Chunk");
        var key = call.OptionalString("MsgKey");
        var streams = call.State.Areas.StreamingMessages;
        StreamingMessage stream;
        if (key is null)
        {
            var random = (uint)call.State.KeyRandom.NextInt64(0, (long)uint.MaxValue + 1);
            var message = call.State.Store(from, to, null, random, call.NowSeconds, TextBody(chunk), null, MessageOrigin.Send, countUnread: true);
            stream = new StreamingMessage(message.MsgKey, from, to);
            streams[message.MsgKey] = stream;
        }
        else
        {
            stream = streams.TryGetValue(key, out var found) && found.From == from && found.To == to
                ? found
                : throw new ImCallException(EmulatorErrorCodes.MessageNotFound, "MsgKey: no streaming message '" + key + "' from this chatbot to this user");
            if (stream.Finished)
            {
                throw call.Invalid("MsgKey", "the streaming message is already finished");
            }
        }

        stream.Chunks.Add(chunk);
        stream.Finished = call.OptionalInt64("Finish") == 1;
        var stored = call.State.FindByKey(from, to, stream.MsgKey);
        if (stored is not null)
        {
            stored.MsgBodyJson = TextBody(string.Concat(stream.Chunks));
        }

        call.Writer.WriteString("MsgKey", stream.MsgKey);
    }

    private static string TextBody(string text) => "[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":" + Json.Quote(text) + "}}]";
}

package ai.usheru.llm;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.ai.chat.messages.Message;

/**
 * An upper bound of the tokens a prompt takes, without the model's tokenizer. Byte-level BPE
 * tokenizers (OpenAI's, Llama's, Mistral's and most served by OpenAI-compatible endpoints) never make
 * a token of less than one byte, so a text takes at most as many tokens as its UTF-8 bytes; each
 * message adds a few tokens of framing. The bound is generous (English runs about four bytes a token)
 * and is only held, never billed: the usage a response reports is.
 */
public final class PromptTokens {

    /** Role markers and separators around each message, and the priming of the reply. */
    static final int PER_MESSAGE = 8;
    static final int PER_PROMPT = 16;

    private PromptTokens() {}

    /** The bound for {@code messages}, plus any text sent beside them (a response schema). */
    public static long upperBound(List<Message> messages, String... alongside) {
        long bound = PER_PROMPT;
        for (Message message : messages) {
            String text = message.getText();
            bound += PER_MESSAGE + (text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
        }
        for (String text : alongside) {
            bound += text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
        return bound;
    }
}

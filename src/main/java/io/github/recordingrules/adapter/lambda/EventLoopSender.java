package io.github.recordingrules.adapter.lambda;

import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;

import java.util.concurrent.CompletableFuture;

/**
 * Hands messages to a connection of Quarkus' virtual HTTP channel from that channel's own event loop.
 * <p>
 * {@link VirtualClientConnection#sendMessage} queues the message, then checks, on the calling thread,
 * whether the channel is waiting for data ({@code readInProgress}) and if so reads it. The channel's
 * event loop sets that flag in {@code doBeginRead} after finding the queue empty. Called from any other
 * thread (Quarkus' {@code LambdaHttpHandler} calls it from the Lambda poll thread), the two interleave:
 * the event loop finds the queue empty, the message is queued, the caller sees the flag still unset,
 * the event loop sets it. The message then stays queued with the flag saying a read is pending, so
 * nothing ever reads it: Vert.x never sees the end of the request, no answer is written, and the
 * caller waits forever (issue 15 item 13). Netty's {@code LocalChannel}, which the virtual channel
 * follows, makes that check on the peer's event loop; so does this class.
 */
final class EventLoopSender {

    private final VirtualClientConnection connection;
    private final CompletableFuture<EventExecutor> eventLoop = new CompletableFuture<>();

    /** Call right after {@link VirtualClientConnection#connect}, before anything is sent. */
    EventLoopSender(VirtualClientConnection connection) {
        this.connection = connection;
        // The channel is registered on its event loop asynchronously; Netty calls handlerAdded there
        // once it is (at once, on that loop, if it already is).
        connection.peer().pipeline().addFirst(new ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext context) {
                eventLoop.complete(context.executor());
                context.pipeline().remove(this);
            }
        });
    }

    /** Messages sent one after another reach the channel in that order (the loop runs its tasks in order). */
    void send(Object message) {
        eventLoop.join().execute(() -> connection.sendMessage(message));
    }
}

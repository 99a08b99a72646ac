import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow or too large in sending a request, so a few
/// clients that open connections and send a byte now and then (slowloris) cannot hold the
/// server: a request's head (request line and headers) must be complete within `headTimeout`
/// of the connection opening or of the previous answer on it; its body within `bodyTimeout` of
/// the head, and no larger than `maxBodyBytes`. The time the server takes to answer is not
/// counted. Hummingbird's idleTimeout is not enough: it measures the time between request
/// parts, which a client that sends its body a byte at a time renews at will.
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Limits: Sendable {
        var headTimeout: TimeAmount
        var bodyTimeout: TimeAmount
        var maxBodyBytes: Int
    }

    private let limits: Limits
    private var deadline: Scheduled<Void>?
    private var bodyBytes = 0
    /// Between a request's head and its end.
    private var reading = false
    /// Requests whose answer has not ended yet (HTTP/1.1 may pipeline several).
    private var unanswered = 0

    init(_ limits: Limits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limits.headTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, limits.headTimeout)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            reading = true
            unanswered += 1
            bodyBytes = 0
            arm(context, limits.bodyTimeout)
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes > limits.maxBodyBytes {
                disarm()
                context.close(promise: nil)
                return
            }
        case .end:
            reading = false
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered -= 1
            // Answered: the next request's head has its time from now.
            if unanswered == 0, !reading { arm(context, limits.headTimeout) }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Closes a connection whose client is too slow or too large in sending a request, so a few
/// clients that open connections and send a byte now and then (slowloris) cannot hold the
/// server: a request's head (request line and headers) must be complete within `headTimeout`
/// of the connection opening or of the previous answer on it; its body within `bodyTimeout` of
/// the head, and no larger than `maxBodyBytes`. The time the server takes to answer is not
/// counted. Hummingbird's idleTimeout is not enough: it measures the time between request
/// parts, which a client that sends its body a byte at a time renews at will.
///
/// A head longer than NIO's decoder takes (80 KB: a request line far over the endpoint's 8 KB, or
/// its header fields) is answered 414 with the endpoint's XML error instead of Hummingbird's bare
/// 400, once every earlier request on the connection has its answer, and the connection closed:
/// the decoder stops reading it. The decoder's error does not say whether the line or the header
/// fields overflowed; the line is what harvesters make long.
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Limits: Sendable {
        var headTimeout: TimeAmount
        var bodyTimeout: TimeAmount
        var maxBodyBytes: Int
        /// The answer to a head too long to read: status and header fields, and its body.
        var headTooLong: (HTTPResponse, ByteBuffer)
    }

    private let limits: Limits
    private var deadline: Scheduled<Void>?
    private var bodyBytes = 0
    /// Between a request's head and its end.
    private var reading = false
    /// Requests whose answer has not ended yet (HTTP/1.1 may pipeline several).
    private var unanswered = 0
    /// A head too long to read came after them: answered when they are.
    private var headTooLong = false

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
            context.write(data, promise: promise)
            if unanswered == 0, headTooLong { answerHeadTooLong(context) }
            return
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case HTTPParserError.headerOverflow:
            // Kept from Hummingbird, which would answer it 400.
            headTooLong = true
            if unanswered == 0 { answerHeadTooLong(context) }
        case ByteToMessageDecoderError.dataReceivedInErrorState(HTTPParserError.headerOverflow, _):
            ()  // the rest of that head, dropped by the decoder
        default:
            context.fireErrorCaught(error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if headTooLong, case ChannelEvent.inputClosed = event { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    /// Closes only the sending side after the answer, and the rest when the client has closed
    /// its own or after `headTimeout`: closing at once, with the head's rest still arriving,
    /// would reset the connection and could make the client lose the answer.
    private func answerHeadTooLong(_ context: ChannelHandlerContext) {
        let (head, body) = limits.headTooLong
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(mode: .output, promise: nil) }
        arm(context, limits.headTimeout)
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

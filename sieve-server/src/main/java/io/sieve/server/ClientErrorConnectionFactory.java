package io.sieve.server;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connections, except that a request Jetty's parser refuses with a 5xx is refused
 * with a 400 instead. The parser answers an unknown or missing HTTP version ({@code HTTP/9.9},
 * {@code HTTP/1.x}, HTTP/0.9) with 505; that is the client's mistake, and the API promises that
 * only a fault of the server gives a 5xx.
 */
final class ClientErrorConnectionFactory extends HttpConnectionFactory {
    ClientErrorConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations()) {
            @Override
            protected HttpChannelOverHttp newHttpChannel() {
                return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                    @Override
                    public void badMessage(BadMessageException failure) {
                        super.badMessage(failure.getCode() >= HttpStatus.INTERNAL_SERVER_ERROR_500 ? asClientError(failure) : failure);
                    }
                };
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    private static BadMessageException asClientError(BadMessageException failure) {
        String reason = failure.getCode() == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
                ? "unsupported HTTP version (" + failure.getReason() + "); this server speaks HTTP/1.0 and HTTP/1.1"
                : failure.getReason();
        return new BadMessageException(HttpStatus.BAD_REQUEST_400, reason, failure);
    }
}

package dev.cairn.it;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RabbitMQ broker for integration tests: the one given by CAIRN_TEST_RABBITMQ_HOST and _PORT
 * (default 127.0.0.1:5672). Where none answers, the test is skipped with the reason, unless
 * CAIRN_REQUIRE_BROKER=true, which makes it fail.
 *
 * @param host host
 * @param port port
 * @param username user
 * @param password password
 */
record TestRabbit(String host, int port, String username, String password) {

  static TestRabbit require() {
    String host = System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_HOST", "127.0.0.1");
    int port = Integer.parseInt(System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_PORT", "5672"));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
    } catch (IOException e) {
      String reason = "no RabbitMQ broker at " + host + ":" + port + " (" + e.getMessage() + ")";
      if (Boolean.parseBoolean(System.getenv("CAIRN_REQUIRE_BROKER"))) {
        throw new AssertionError(reason + " but CAIRN_REQUIRE_BROKER=true");
      }
      Assumptions.abort(reason);
    }
    return new TestRabbit(
        host,
        port,
        System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_USERNAME", "guest"),
        System.getenv().getOrDefault("CAIRN_TEST_RABBITMQ_PASSWORD", "guest"));
  }

  ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setUsername(username);
    factory.setPassword(password);
    return factory;
  }
}

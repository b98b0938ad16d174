// Tests of protocol framing: Connection's length-checked reads over a socket pair, and the wire
// message builders and readers.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "server/connection.h"
#include "server/protocol/wire.h"

namespace zijin::server {
namespace {

std::string BE32(uint32_t v) {
  std::string s(4, '\0');
  s[0] = static_cast<char>(v >> 24);
  s[1] = static_cast<char>(v >> 16);
  s[2] = static_cast<char>(v >> 8);
  s[3] = static_cast<char>(v);
  return s;
}

// A typed message as a client sends it: type, length (counting itself), body.
std::string Message(char type, const std::string& body) {
  return std::string(1, type) + BE32(static_cast<uint32_t>(body.size() + 4)) + body;
}

std::string Startup(const std::string& body) {
  return BE32(static_cast<uint32_t>(body.size() + 4)) + body;
}

// A connected socket pair: `conn` reads what `peer` writes, and the other way round.
class ProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    conn_ = std::make_unique<Connection>(fds[0]);
    peer_ = fds[1];
  }
  void TearDown() override { ClosePeer(); }

  void Send(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = write(peer_, bytes.data() + done, bytes.size() - done);
      ASSERT_GT(n, 0);
      done += static_cast<size_t>(n);
    }
  }
  void ClosePeer() {
    if (peer_ >= 0) close(peer_);
    peer_ = -1;
  }
  std::string Receive(size_t n) {
    std::string out;
    while (out.size() < n) {
      char buf[4096];
      ssize_t got = read(peer_, buf, std::min(sizeof buf, n - out.size()));
      if (got <= 0) break;
      out.append(buf, static_cast<size_t>(got));
    }
    return out;
  }

  std::unique_ptr<Connection> conn_;
  int peer_ = -1;
};

// ---------------------------------------------------------------------------------------------
// Start-up packet

TEST_F(ProtocolTest, ReadStartup) {
  std::string body = BE32(196608) + std::string("user\0alice\0database\0db\0\0", 24);
  Send(Startup(body));
  std::string got;
  ASSERT_TRUE(conn_->ReadStartup(&got).ok());
  EXPECT_EQ(got, body);
  EXPECT_FALSE(conn_->HasBufferedInput());
}

TEST_F(ProtocolTest, ReadStartupAcceptsTheLimits) {
  // The smallest packet (8 bytes: length and protocol code, as SSLRequest) and the largest.
  Send(Startup(BE32(80877103)));
  std::string got;
  ASSERT_TRUE(conn_->ReadStartup(&got).ok());
  EXPECT_EQ(got, BE32(80877103));
  std::string big = BE32(196608) + std::string(10000 - 8, 'x');
  Send(Startup(big));
  ASSERT_TRUE(conn_->ReadStartup(&got).ok());
  EXPECT_EQ(got.size(), 10000u - 4);
}

TEST_F(ProtocolTest, ReadStartupFollowedByMessageInOneWrite) {
  Send(Startup(BE32(196608) + std::string("user\0u\0\0", 8)) + Message('Q', std::string("x\0", 2)));
  std::string got;
  ASSERT_TRUE(conn_->ReadStartup(&got).ok());
  EXPECT_TRUE(conn_->HasBufferedInput());
  char type = 0;
  bool eof = true;
  ASSERT_TRUE(conn_->ReadMessage(&type, &got, &eof).ok());
  EXPECT_EQ(type, 'Q');
  EXPECT_EQ(got, std::string("x\0", 2));
  EXPECT_FALSE(eof);
}

TEST_F(ProtocolTest, ReadStartupRejectsBadLengths) {
  for (uint32_t len : {0u, 3u, 4u, 7u, 10001u, 1u << 20, 0x7fffffffu, 0xffffffffu}) {
    ClosePeer();
    SetUp();  // a fresh pair: a bad length leaves the stream unsynchronized
    Send(BE32(len) + std::string(8, '\0'));
    std::string got;
    Status s = conn_->ReadStartup(&got);
    ASSERT_FALSE(s.ok()) << len;
    EXPECT_EQ(s.sqlstate(), "08P01") << len;
    EXPECT_EQ(s.message(), "invalid length of startup packet") << len;
    ClosePeer();
  }
}

TEST_F(ProtocolTest, ReadStartupEof) {
  Send(std::string("\0\0", 2));  // half a length word, then the client goes away
  ClosePeer();
  std::string got;
  Status s = conn_->ReadStartup(&got);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.sqlstate(), "08006");
}

// ---------------------------------------------------------------------------------------------
// Typed messages

TEST_F(ProtocolTest, ReadMessages) {
  Send(Message('Q', std::string("SELECT 1\0", 9)) + Message('S', "") + Message('X', ""));
  char type = 0;
  std::string body;
  bool eof = true;
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_EQ(type, 'Q');
  EXPECT_EQ(body, std::string("SELECT 1\0", 9));
  EXPECT_FALSE(eof);
  EXPECT_TRUE(conn_->HasBufferedInput());
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_EQ(type, 'S');
  EXPECT_EQ(body, "");
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_EQ(type, 'X');
  EXPECT_FALSE(conn_->HasBufferedInput());
}

TEST_F(ProtocolTest, ReadMessageRejectsBadLengths) {
  const uint32_t too_big = static_cast<uint32_t>(Connection::kMaxMessage) + 1;
  for (uint32_t len : {0u, 1u, 3u, too_big, 0x7fffffffu, 0xffffffffu}) {
    ClosePeer();
    SetUp();
    Send(std::string(1, 'Q') + BE32(len) + std::string(8, 'x'));
    char type = 0;
    std::string body;
    bool eof = true;
    Status s = conn_->ReadMessage(&type, &body, &eof);
    ASSERT_FALSE(s.ok()) << len;
    EXPECT_EQ(s.sqlstate(), "08P01") << len;
    EXPECT_EQ(s.message(), "invalid message length") << len;
    EXPECT_FALSE(eof) << len;
    ClosePeer();
  }
}

TEST_F(ProtocolTest, MessagesArrivingByteByByte) {
  std::string body(3000, 'b');
  body[0] = 'a';
  body.back() = 'z';
  std::string wire = Message('P', body) + Message('B', "12") + Message('S', "");
  std::thread writer([&] {
    for (size_t i = 0; i < wire.size(); ++i) {
      ASSERT_EQ(write(peer_, &wire[i], 1), 1);
      if (i % 512 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  char type = 0;
  std::string got;
  bool eof = true;
  ASSERT_TRUE(conn_->ReadMessage(&type, &got, &eof).ok());
  EXPECT_EQ(type, 'P');
  EXPECT_EQ(got, body);
  ASSERT_TRUE(conn_->ReadMessage(&type, &got, &eof).ok());
  EXPECT_EQ(type, 'B');
  EXPECT_EQ(got, "12");
  ASSERT_TRUE(conn_->ReadMessage(&type, &got, &eof).ok());
  EXPECT_EQ(type, 'S');
  writer.join();
}

TEST_F(ProtocolTest, ManyMessagesAndLargeOnes) {
  // Enough traffic to make the read buffer compact itself, and one message larger than the
  // socket buffer and the 64 KiB read chunk (CopyData: one of the types allowed to be large).
  std::string large(3 << 20, '\0');
  for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>(i * 7);
  std::thread writer([&] {
    std::string batch;
    for (int i = 0; i < 3000; ++i) batch += Message('d', std::string(1000, static_cast<char>(i)));
    Send(batch);
    Send(Message('d', large));
    Send(Message('c', ""));
  });
  char type = 0;
  std::string got;
  bool eof = true;
  for (int i = 0; i < 3000; ++i) {
    Status st = conn_->ReadMessage(&type, &got, &eof);
    EXPECT_TRUE(st.ok()) << i << ": " << st.ToString();
    EXPECT_EQ(type, 'd');
    EXPECT_EQ(got, std::string(1000, static_cast<char>(i))) << i;
  }
  Status st = conn_->ReadMessage(&type, &got, &eof);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(type, 'd');
  EXPECT_TRUE(got == large);
  st = conn_->ReadMessage(&type, &got, &eof);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(type, 'c');
  writer.join();
}

TEST_F(ProtocolTest, CleanEofBetweenMessages) {
  Send(Message('S', ""));
  ClosePeer();
  char type = 0;
  std::string body;
  bool eof = false;
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_FALSE(eof);
  Status s = conn_->ReadMessage(&type, &body, &eof);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(eof);
  EXPECT_EQ(s.sqlstate(), "08006");
}

TEST_F(ProtocolTest, EofInsideHeaderIsNotClean) {
  Send(std::string("Q\0\0", 3));
  ClosePeer();
  char type = 0;
  std::string body;
  bool eof = true;
  Status s = conn_->ReadMessage(&type, &body, &eof);
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(eof);
  EXPECT_EQ(s.sqlstate(), "08006");
}

TEST_F(ProtocolTest, EofInsideBodyIsNotClean) {
  Send(std::string(1, 'Q') + BE32(100) + "only part of the body");
  ClosePeer();
  char type = 0;
  std::string body;
  bool eof = true;
  Status s = conn_->ReadMessage(&type, &body, &eof);
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(eof);
  EXPECT_EQ(s.sqlstate(), "08006");
}

TEST_F(ProtocolTest, WriteDeliversEverything) {
  std::string data(4 << 20, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 13 + 1);
  std::string received;
  std::thread reader([&] { received = Receive(data.size()); });
  ASSERT_TRUE(conn_->Write(data).ok());
  reader.join();
  EXPECT_TRUE(received == data);
}

TEST_F(ProtocolTest, WriteToClosedPeerFails) {
  ClosePeer();
  Status s = conn_->Write("hello");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.sqlstate(), "08006");
}

// ---------------------------------------------------------------------------------------------
// Wire builders and readers

TEST(WireTest, MessageWriterFramesMessages) {
  MessageWriter w;
  w.Begin('Z');
  w.Byte('I');
  w.End();
  EXPECT_EQ(w.buffer(), std::string("Z\0\0\0\5I", 6));
  w.Begin('C');
  w.CString("SELECT 1");
  w.End();
  EXPECT_EQ(w.size(), 6u + 1 + 4 + 9);
  EXPECT_EQ(w.buffer().substr(6), std::string("C\0\0\0\15SELECT 1\0", 14));
  w.Clear();
  EXPECT_EQ(w.size(), 0u);
  w.Begin('1');
  w.End();
  EXPECT_EQ(w.buffer(), std::string("1\0\0\0\4", 5));
}

TEST(WireTest, IntegersAreBigEndian) {
  MessageWriter w;
  w.Int16(0x0102);
  w.Int16(-2);
  w.Int32(0x01020304);
  w.Int32(-1);
  w.Int32(INT32_MIN);
  EXPECT_EQ(w.buffer(), std::string("\1\2\xff\xfe\1\2\3\4\xff\xff\xff\xff\x80\0\0\0", 16));
  MessageReader r(w.buffer());
  EXPECT_EQ(*r.Int16(), 0x0102);
  EXPECT_EQ(*r.Int16(), -2);
  EXPECT_EQ(*r.Int32(), 0x01020304);
  EXPECT_EQ(*r.Int32(), -1);
  EXPECT_EQ(*r.Int32(), INT32_MIN);
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(WireTest, DataRowFields) {
  MessageWriter w;
  w.Begin('D');
  w.Int16(2);
  size_t f = w.BeginField();
  w.Bytes("abc");
  w.EndField(f);
  w.Int32(-1);  // NULL
  w.End();
  const std::string& b = w.buffer();
  ASSERT_EQ(b.size(), 1u + 4 + 2 + 4 + 3 + 4);
  EXPECT_EQ(b[0], 'D');
  MessageReader header(std::string_view(b).substr(1, 4));
  EXPECT_EQ(*header.Int32(), static_cast<int32_t>(b.size() - 1));
  MessageReader r(std::string_view(b).substr(5));
  EXPECT_EQ(*r.Int16(), 2);
  auto len = r.Int32();
  ASSERT_TRUE(len.ok());
  EXPECT_EQ(*len, 3);
  EXPECT_EQ(*r.Bytes(3), "abc");
  EXPECT_EQ(*r.Int32(), -1);
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(WireTest, ReaderRoundTrip) {
  MessageWriter w;
  w.CString("portal");
  w.CString("");
  w.Byte('S');
  w.Int16(1);
  w.Int32(42);
  w.Bytes(std::string("\0\1\2", 3));
  MessageReader r(w.buffer());
  EXPECT_EQ(r.remaining(), w.size());
  EXPECT_EQ(*r.CString(), "portal");
  EXPECT_EQ(*r.CString(), "");
  EXPECT_EQ(*r.Byte(), 'S');
  EXPECT_EQ(*r.Int16(), 1);
  EXPECT_EQ(*r.Int32(), 42);
  EXPECT_FALSE(r.ExpectEnd().ok());
  EXPECT_EQ(*r.Bytes(3), std::string("\0\1\2", 3));
  EXPECT_EQ(r.remaining(), 0u);
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(WireTest, ReaderBoundsChecks) {
  const std::string body("ab", 2);
  {
    MessageReader r(body);
    Status s = r.Int32().status();
    EXPECT_EQ(s.sqlstate(), "08P01");
    EXPECT_EQ(s.message(), "insufficient data left in message");
    EXPECT_EQ(r.remaining(), 2u);  // a failed read consumes nothing
  }
  {
    MessageReader r(std::string_view(body).substr(0, 1));
    EXPECT_EQ(r.Int16().status().sqlstate(), "08P01");
    EXPECT_TRUE(r.Byte().ok());
    EXPECT_EQ(r.Byte().status().sqlstate(), "08P01");
  }
  {
    MessageReader r(body);
    Status s = r.CString().status();  // no terminator
    EXPECT_EQ(s.sqlstate(), "08P01");
    EXPECT_EQ(s.message(), "invalid string in message");
  }
  {
    MessageReader r(body);
    EXPECT_EQ(r.Bytes(3).status().sqlstate(), "08P01");
    EXPECT_EQ(r.Bytes(static_cast<size_t>(-1)).status().sqlstate(), "08P01");
    EXPECT_EQ(*r.Bytes(0), "");
    Status s = r.ExpectEnd();
    EXPECT_EQ(s.sqlstate(), "08P01");
    EXPECT_EQ(s.message(), "invalid message format");
  }
  {
    MessageReader r("");
    EXPECT_FALSE(r.Byte().ok());
    EXPECT_FALSE(r.CString().ok());
    EXPECT_TRUE(r.ExpectEnd().ok());
  }
}

// What MessageWriter frames, Connection reads back message by message.
TEST_F(ProtocolTest, WriterOutputReadsBack) {
  MessageWriter w;
  w.Begin('P');
  w.CString("stmt");
  w.CString("SELECT $1");
  w.Int16(1);
  w.Int32(23);
  w.End();
  w.Begin('S');
  w.End();
  Send(w.buffer());
  char type = 0;
  std::string body;
  bool eof = true;
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_EQ(type, 'P');
  MessageReader r(body);
  EXPECT_EQ(*r.CString(), "stmt");
  EXPECT_EQ(*r.CString(), "SELECT $1");
  EXPECT_EQ(*r.Int16(), 1);
  EXPECT_EQ(*r.Int32(), 23);
  EXPECT_TRUE(r.ExpectEnd().ok());
  ASSERT_TRUE(conn_->ReadMessage(&type, &body, &eof).ok());
  EXPECT_EQ(type, 'S');
  EXPECT_TRUE(body.empty());
}

}  // namespace
}  // namespace zijin::server

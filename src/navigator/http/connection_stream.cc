// The streaming half of Connection: a Response with a StreamProducer.

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include "navigator/http/connection.h"
#include "navigator/http/wire.h"

namespace navigator::http::internal {
namespace {

namespace bhttp = boost::beast::http;
using boost::system::error_code;

// How long a stream waits for a wake before calling its producer anyway.
constexpr std::chrono::seconds kStreamPollInterval{1};

auto Redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

std::string JoinPieces(std::vector<std::string> pieces) {
  std::size_t size = 0;
  for (const std::string& piece : pieces) size += piece.size();
  std::string joined = std::move(pieces.front());
  joined.reserve(size);
  for (std::size_t i = 1; i < pieces.size(); ++i) joined += pieces[i];
  return joined;
}

// Runs on a worker thread, or on the I/O thread for a producer that never
// blocks. An exception ends the stream.
asio::awaitable<bool> InvokeProducer(const StreamProducer& producer, ChunkSink& sink) {
  bool more = false;
  try {
    more = producer(sink);
  } catch (const std::exception& e) {
    spdlog::error("HTTP stream producer threw: {}", e.what());
  } catch (...) {
    spdlog::error("HTTP stream producer threw");
  }
  co_return more;
}

}  // namespace

asio::awaitable<int> Connection::StreamResponse(Response response, unsigned version, bool head) {
  const int status = response.status;
  const bool chunked = version >= 11;
  bhttp::response<bhttp::empty_body> message(MakeHeader(response, version));
  message.keep_alive(false);
  if (chunked) message.chunked(true);
  error_code ec;
  Arm(context_.options->write_timeout, OnExpiry::kCloseSocket);
  bhttp::response_serializer<bhttp::empty_body> serializer(message);
  co_await bhttp::async_write_header(stream_, serializer, Redirect(ec));
  Disarm();
  if (ec || closed_ || head) co_return status;

  auto sink = std::make_shared<ChunkSink>();
  sink_ = sink;
  // Wakes sleep on this timer; cancelling it (on the strand) ends the wait.
  auto wake_timer = std::make_shared<asio::steady_timer>(stream_.get_executor());
  sink->SetWakeHandler(
      [executor = stream_.get_executor(), weak = std::weak_ptr<asio::steady_timer>(wake_timer)] {
        asio::post(executor, [weak] {
          if (auto timer = weak.lock()) timer->cancel();
        });
      });
  sink->Write(std::move(response.body));
  // HTTP/1.0 ends with a TLS shutdown, which must not overlap a read: there,
  // a departed client is noticed by a failing write only.
  if (chunked) WatchForPeerGone(sink);
  bool more = true;
  bool first = true;
  while (!ec && !closed_) {
    std::vector<std::string> pieces = sink->TakePending();
    // One chunk, written at once, for everything queued since
    // the last write: a burst of events costs one write, not one per event.
    if (pieces.size() > 1) pieces = {JoinPieces(std::move(pieces))};
    for (const std::string& piece : pieces) {
      Arm(context_.options->write_timeout, OnExpiry::kCloseSocket);
      if (chunked) {
        co_await asio::async_write(stream_, bhttp::make_chunk(asio::buffer(piece)), Redirect(ec));
      } else {
        co_await asio::async_write(stream_, asio::buffer(piece), Redirect(ec));
      }
      Disarm();
      if (ec || closed_) break;
    }
    if (ec || closed_ || sink->closed() || !more) break;
    // Sleeps until a wake (a write, a Waker, a close) or the poll interval. A
    // wake racing with this check posts its cancel behind the wait below.
    if (!std::exchange(first, false) && !sink->TakeWake()) {
      error_code timer_ec;
      wake_timer->expires_after(kStreamPollInterval);
      co_await wake_timer->async_wait(Redirect(timer_ec));
      sink->TakeWake();
      if (closed_ || sink->closed()) break;
    }
    if (response.stream_never_blocks) {
      more = co_await InvokeProducer(response.stream, *sink);
    } else {
      more = co_await asio::co_spawn(*context_.workers, InvokeProducer(response.stream, *sink),
                                     asio::use_awaitable);
    }
  }
  if (!ec && !closed_ && !sink->closed() && chunked) {
    Arm(context_.options->write_timeout, OnExpiry::kCloseSocket);
    co_await asio::async_write(stream_, bhttp::make_chunk_last(), Redirect(ec));
    Disarm();
  }
  sink->Close();
  sink_.reset();
  co_return status;
}

void Connection::WatchForPeerGone(std::shared_ptr<ChunkSink> sink) {
  // Runs concurrently with the stream's writes (asio::ssl::stream allows one
  // read and one write at a time). Whatever the client sends is discarded.
  stream_.async_read_some(asio::buffer(scratch_),
                          [self = shared_from_this(), sink](const error_code& ec, std::size_t) {
                            if (ec) {
                              sink->Close();
                            } else if (!sink->closed()) {
                              self->WatchForPeerGone(sink);
                            }
                          });
}

}  // namespace navigator::http::internal

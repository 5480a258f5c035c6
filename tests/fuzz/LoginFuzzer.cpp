// Feeds arbitrary bytes to a Connection from its first byte on: protocol header, SASL
// mechanisms and responses (PLAIN, AMQPLAIN), tune values, virtual hosts, against users with
// and without permissions. Unauthenticated input is what any peer can send: it must never
// crash, read out of bounds, leak or hang the broker. libFuzzer target or FuzzSmokeMain.cpp.
#include "FuzzHarness.h"
#include "FuzzSeeds.h"

#include "auth/VHostPermissions.h"

#include <cstddef>
#include <cstdint>

QList<QByteArray> warren::fuzz::targetSeeds()
{
    return logins();
}

namespace {
// A fresh broker for every input, so that a finding replays alone.
void addUsers(warren::server::ServerContext &c)
{
    using warren::auth::VHostPermissions;
    c.addVHost("shop");
    c.users.addUser("alice", "secret");
    c.users.setPermission("alice", "/", VHostPermissions::all());
    c.users.setPermission("alice", "shop", VHostPermissions("^$", "^amq\\.", ".*"));
    c.users.addUser("bob", "hunter2");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace warren;
    if (size == 0)
        return 0;
    fuzz::silenceLogs();
    server::ServerContext context;
    addUsers(context);
    fuzz::FuzzConnection c(context);
    c.feedInReads(QByteArrayView(data + 1, qsizetype(size - 1)), fuzz::readStep(data[0]));
    return 0;
}

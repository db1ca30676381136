// Static files a module serves (the SDK's route_group::static_files) stay
// inside their folder: regular files are served, symlinks within the folder
// too; symlinks out of it, directories and FIFOs get 404, and a FIFO never
// holds up the control thread.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(WebUiStaticFiles, OnlyRegularFilesInsideTheFolderAreServed) {
  const fs::path dir = make_temp_dir("locustpp-static");
  const fs::path folder = dir / "static";
  fs::create_directories(folder / "sub");
  fs::create_directories(dir / "elsewhere");
  write(folder / "style.css", "body { color: teal; }\n");
  write(folder / "sub" / "inner.css", "p { margin: 0; }\n");
  write(dir / "secret.txt", "the secret\n");
  write(dir / "elsewhere" / "secret.txt", "the other secret\n");
  fs::create_symlink("style.css", folder / "alias.css");            // within the folder
  fs::create_symlink("../secret.txt", folder / "out.txt");          // a file out of it
  fs::create_symlink(dir / "secret.txt", folder / "absolute.txt");  // the same, by absolute path
  fs::create_directory_symlink("../elsewhere", folder / "linked");  // a folder out of it
  ASSERT_EQ(::mkfifo((folder / "pipe").c_str(), 0600), 0);

  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--static-dir", folder.string()});
  const auto get = [&](const std::string& path) { return http_exchange(web.port(), "GET", "/group/static" + path); };

  http_reply css = get("/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "body { color: teal; }\n");
  EXPECT_EQ(get("/sub/inner.css").body, "p { margin: 0; }\n");
  EXPECT_EQ(get("/alias.css").body, "body { color: teal; }\n") << "a symlink within the folder is served";

  for (const char* refused : {"/out.txt", "/absolute.txt", "/linked/secret.txt"}) {
    http_reply answer = get(refused);
    EXPECT_EQ(answer.status, 404) << refused;
    EXPECT_EQ(answer.body.find("secret"), std::string::npos) << refused;
  }
  EXPECT_EQ(get("/sub").status, 404) << "a directory is not a file";
  EXPECT_EQ(get("/sub/").status, 404);
  EXPECT_EQ(get("/").status, 404) << "nor is the folder itself";

  auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(get("/pipe").status, 404) << "a FIFO is never opened for reading";
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(5));
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello").status, 200) << "the control thread goes on";
}

}  // namespace

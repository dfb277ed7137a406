#include "client_address.hpp"

#include <gtest/gtest.h>

namespace smartcp::log {
namespace {

std::vector<AddressRange> ranges(std::initializer_list<const char*> texts) {
  std::vector<AddressRange> out;
  for (const char* t : texts) out.push_back(*parse_range(t));
  return out;
}

const std::vector<AddressRange> kProxies = ranges({"10.0.0.1", "10.0.0.2", "::1"});

TEST(ClientAddress, WithoutATrustedProxyTheConnectionIsTheClientAndTheHeaderIsIgnored) {
  // A visitor's own header cannot make each request count as another client's.
  EXPECT_EQ(client_address("198.51.100.4", "203.0.113.1", kProxies), "198.51.100.4");
  EXPECT_EQ(client_address("198.51.100.4", "203.0.113.1", {}), "198.51.100.4");
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.1", {}), "10.0.0.1");
}

TEST(ClientAddress, BehindATrustedProxyTheClientIsTheHopItAdded) {
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.1", kProxies), "203.0.113.1");
  EXPECT_EQ(client_address("::1", " 2001:DB8::0001 ", kProxies), "2001:db8::1");
  EXPECT_EQ(client_address("10.0.0.1", "[2001:db8::2]", kProxies), "2001:db8::2");
}

TEST(ClientAddress, WhatTheClientWroteLeftOfItsOwnAddressIsNeverRead) {
  // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
  EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 203.0.113.1", kProxies), "203.0.113.1");
  EXPECT_EQ(client_address("10.0.0.1", "garbage, 203.0.113.1", kProxies), "203.0.113.1");
}

TEST(ClientAddress, AChainOfTrustedProxiesIsWalkedFromTheRight) {
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.1, 10.0.0.2", kProxies), "203.0.113.1");
  // A client that claims to be a trusted proxy is still counted by the hop to its right.
  EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", kProxies), "10.0.0.2");
}

TEST(ClientAddress, AHeaderAProxyDidNotFillCountsAgainstTheProxy) {
  EXPECT_EQ(client_address("10.0.0.1", "", kProxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "unknown", kProxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.1, ", kProxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", std::string(100'000, ','), kProxies), "10.0.0.1");
}

TEST(ClientAddress, NetworksOfProxies) {
  // A load balancer's subnet, and a container network's.
  const auto trusted = ranges({"172.16.0.0/12", "fd00::/8"});
  EXPECT_EQ(client_address("172.20.3.4", "203.0.113.1", trusted), "203.0.113.1");
  EXPECT_EQ(client_address("172.32.0.1", "203.0.113.1", trusted), "172.32.0.1");
  EXPECT_EQ(client_address("fd12::5", "2001:db8::7", trusted), "2001:db8::7");
  EXPECT_EQ(client_address("fe80::1", "2001:db8::7", trusted), "fe80::1");
  EXPECT_EQ(client_address("172.20.3.4", "198.51.100.1, 172.31.255.255", trusted), "198.51.100.1");
  EXPECT_EQ(client_address("10.9.9.9", "203.0.113.1", ranges({"0.0.0.0/0"})), "203.0.113.1");
}

TEST(ClientAddress, AddressesAndNetworksAreReadStrictly) {
  EXPECT_EQ(to_string(*parse_address("0:0:0:0:0:0:0:1")), "::1");
  EXPECT_EQ(to_string(*parse_address(" [2001:DB8::1] ")), "2001:db8::1");
  EXPECT_FALSE(parse_address("127.0.0.1:8080"));
  EXPECT_FALSE(parse_address("localhost"));
  EXPECT_FALSE(parse_address("1.2.3"));
  EXPECT_FALSE(parse_address(std::string(200, '1')));
  EXPECT_EQ(parse_range("10.0.0.0/8")->prefix, 8);
  EXPECT_EQ(parse_range("::1")->prefix, 128);
  EXPECT_FALSE(parse_range("10.0.0.0/33"));
  EXPECT_FALSE(parse_range("10.0.0.0/"));
  EXPECT_FALSE(parse_range("10.0.0.0/-1"));
  EXPECT_FALSE(parse_range("10.0.0.0/8/8"));
  EXPECT_FALSE(parse_range("::/129"));
  EXPECT_FALSE(parse_range("proxy.internal"));
}

}  // namespace
}  // namespace smartcp::log

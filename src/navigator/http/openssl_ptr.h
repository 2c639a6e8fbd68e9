#pragma once

// Owning pointers for OpenSSL objects: each frees its object with the matching
// OpenSSL function. Header-only; users link OpenSSL themselves.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace navigator::openssl {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

template <typename T, auto Free>
using Ptr = std::unique_ptr<T, Deleter<Free>>;

using BioPtr = Ptr<BIO, BIO_free_all>;
using KeyPtr = Ptr<EVP_PKEY, EVP_PKEY_free>;
using CertPtr = Ptr<X509, X509_free>;
using BignumPtr = Ptr<BIGNUM, BN_free>;
using ExtensionPtr = Ptr<X509_EXTENSION, X509_EXTENSION_free>;
using GeneralNamesPtr = Ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ObjectPtr = Ptr<ASN1_OBJECT, ASN1_OBJECT_free>;
using StorePtr = Ptr<X509_STORE, X509_STORE_free>;
using StoreCtxPtr = Ptr<X509_STORE_CTX, X509_STORE_CTX_free>;

}  // namespace navigator::openssl
